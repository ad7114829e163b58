package io.oms.notification;

/** A notice's summary over its channels, and the status of each channel. */
public enum NotificationStatus {
    /** not yet done on every channel */
    PENDING,
    /** delivered on at least one channel, and no channel is dead */
    SENT,
    /** no channel delivered anything (each says why) */
    SKIPPED,
    /** a channel gave up; an admin may redeliver it */
    DEAD
}

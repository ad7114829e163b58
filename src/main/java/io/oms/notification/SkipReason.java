package io.oms.notification;

/**
 * Why a channel delivered nothing for a notice. A skipped channel is final and visible (notification_deliveries
 * .skip_reason) and counted in {@code oms_notifications_skipped_total{channel, reason}}: never reported as SENT.
 */
public enum SkipReason {
    SWITCHED_OFF("notifications are switched off (oms.notifications.enabled=false)"),
    NO_WEBHOOK_URL("no webhook URL is configured"),
    NO_MAIL_SERVER("no mail server is configured"),
    NO_RECIPIENT("the notice has no recipient"),
    /** The writer asked for no mail, e.g. the cancellation of an order that was never paid. */
    NOT_WANTED("no mail wanted"),
    RATE_LIMITED("over the mail limit of this order"),
    LOG_ONLY("written to the log only (oms.notifications.mail-log-only)");

    private final String text;

    SkipReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

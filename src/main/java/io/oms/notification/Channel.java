package io.oms.notification;

/** How a notice reaches someone; each is delivered, retried and given up on by itself. */
public enum Channel {
    /** The merchant's systems: every notice, as a Standard Webhooks POST. */
    WEBHOOK,
    /** The person the notice is for (the customer, or the operations mailbox for stuck orders). */
    MAIL
}

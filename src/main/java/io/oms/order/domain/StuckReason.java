package io.oms.order.domain;

/** Why an order is flagged as stuck. */
public enum StuckReason {
    /** Paid, but routing keeps failing. */
    UNROUTED,
    /** An open fulfillment order has not changed for the threshold. */
    NOT_PROGRESSING,
    /** An open backorder is past its expected date, or has none and is older than the threshold. */
    BACKORDER_OVERDUE
}

package io.oms.order.domain;

/** Why an order is flagged as stuck; the note is what the audit trail and the ops notification say. */
public enum StuckReason {
    /** Paid, but not routed: routing keeps failing, or the order has waited for routing past the threshold. */
    UNROUTED("paid but not routed"),
    /** An open fulfillment order has not changed for the threshold. */
    NOT_PROGRESSING("a fulfillment order has not progressed"),
    /** An open backorder is past its expected date, or has none and is older than the threshold. */
    BACKORDER_OVERDUE("a backorder is overdue");

    private final String note;

    StuckReason(String note) {
        this.note = note;
    }

    public String note() {
        return note;
    }
}

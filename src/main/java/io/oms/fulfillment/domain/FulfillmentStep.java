package io.oms.fulfillment.domain;

import io.oms.kernel.InvalidTransitionException;

/** The warehouse steps of a fulfillment order, each allowed from exactly one status. */
public enum FulfillmentStep {
    START_PICKING(FulfillmentOrderStatus.OPEN, FulfillmentOrderStatus.PICKING),
    MARK_PICKED(FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PICKED),
    MARK_PACKED(FulfillmentOrderStatus.PICKED, FulfillmentOrderStatus.PACKED),
    SHIP(FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.SHIPPED),
    MARK_DELIVERED(FulfillmentOrderStatus.SHIPPED, FulfillmentOrderStatus.DELIVERED);

    private final FulfillmentOrderStatus from;
    private final FulfillmentOrderStatus to;

    FulfillmentStep(FulfillmentOrderStatus from, FulfillmentOrderStatus to) {
        this.from = from;
        this.to = to;
    }

    public FulfillmentOrderStatus to() {
        return to;
    }

    /** The status after this step, or INVALID_TRANSITION naming the fulfillment order's statuses. */
    public FulfillmentOrderStatus applyTo(FulfillmentOrderStatus current) {
        if (current != from) {
            throw new InvalidTransitionException("A fulfillment order", current, to);
        }
        return to;
    }
}

package io.oms.fulfillment.domain;

import io.oms.kernel.DomainException;
import io.oms.kernel.ErrorCode;
import java.util.Map;

/** The warehouse steps of a fulfillment order, each allowed from exactly one status. */
public enum FulfillmentStep {
    START_PICKING(FulfillmentOrderStatus.OPEN, FulfillmentOrderStatus.PICKING, "PICKING_STARTED"),
    MARK_PICKED(FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PICKED, "PICKED"),
    MARK_PACKED(FulfillmentOrderStatus.PICKED, FulfillmentOrderStatus.PACKED, "PACKED"),
    SHIP(FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.SHIPPED, "SHIPPED"),
    MARK_DELIVERED(FulfillmentOrderStatus.SHIPPED, FulfillmentOrderStatus.DELIVERED, "DELIVERED");

    private final FulfillmentOrderStatus from;
    private final FulfillmentOrderStatus to;
    private final String eventType;

    FulfillmentStep(FulfillmentOrderStatus from, FulfillmentOrderStatus to, String eventType) {
        this.from = from;
        this.to = to;
        this.eventType = eventType;
    }

    public FulfillmentOrderStatus to() {
        return to;
    }

    /** The audit event type, prefixed so that it reads as a fulfillment event in the order's trail. */
    public String eventType() {
        return "FULFILLMENT_" + eventType;
    }

    /** The status after this step, or INVALID_TRANSITION naming the fulfillment order's statuses. */
    public FulfillmentOrderStatus applyTo(FulfillmentOrderStatus current) {
        if (current != from) {
            throw new InvalidStepException(current, to);
        }
        return to;
    }

    public static final class InvalidStepException extends DomainException {
        private final FulfillmentOrderStatus from;
        private final FulfillmentOrderStatus to;

        InvalidStepException(FulfillmentOrderStatus from, FulfillmentOrderStatus to) {
            this(from, to, "A fulfillment order cannot move from " + from + " to " + to);
        }

        public InvalidStepException(FulfillmentOrderStatus from, FulfillmentOrderStatus to, String message) {
            super(message);
            this.from = from;
            this.to = to;
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.INVALID_TRANSITION;
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("from", from.name(), "to", to.name());
        }
    }
}

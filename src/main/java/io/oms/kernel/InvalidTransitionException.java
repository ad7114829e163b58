package io.oms.kernel;

import java.util.Map;

/**
 * A status change that a lifecycle table refuses: an order's (PAID to DELIVERED) or a fulfillment order's
 * (OPEN to SHIPPED). The client sees INVALID_TRANSITION with the two statuses.
 */
public final class InvalidTransitionException extends DomainException {
    private final Enum<?> from;
    private final Enum<?> to;

    /** Refused by the table of {@code what} ("An order", "A fulfillment order"). */
    public InvalidTransitionException(String what, Enum<?> from, Enum<?> to) {
        this(from, to, what + " cannot move from " + from + " to " + to);
    }

    public InvalidTransitionException(Enum<?> from, Enum<?> to, String message) {
        super(message);
        this.from = from;
        this.to = to;
    }

    public Enum<?> from() {
        return from;
    }

    public Enum<?> to() {
        return to;
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

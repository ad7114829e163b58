package io.oms.order.domain;

import io.oms.kernel.DomainException;
import io.oms.kernel.ErrorCode;
import java.util.Map;

public final class InvalidTransitionException extends DomainException {
    private final OrderStatus from;
    private final OrderStatus to;

    public InvalidTransitionException(OrderStatus from, OrderStatus to) {
        this(from, to, "An order cannot move from " + from + " to " + to);
    }

    public InvalidTransitionException(OrderStatus from, OrderStatus to, String message) {
        super(message);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
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

package io.oms.order.domain;

import io.oms.kernel.InvalidTransitionException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The order lifecycle of DESIGN.md; {@link #canMoveTo} is the whole transition table. */
public enum OrderStatus {
    PENDING,
    PAYMENT_PROCESSING,
    PAID,
    AWAITING_FULFILLMENT,
    PARTIALLY_FULFILLED,
    FULFILLED,
    DELIVERED,
    CANCELLED,
    REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(PAYMENT_PROCESSING, PAID, CANCELLED),
            PAYMENT_PROCESSING, EnumSet.of(PAID, CANCELLED),
            PAID, EnumSet.of(AWAITING_FULFILLMENT, CANCELLED),
            AWAITING_FULFILLMENT, EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED),
            PARTIALLY_FULFILLED, EnumSet.of(FULFILLED, REFUNDED),
            FULFILLED, EnumSet.of(DELIVERED, REFUNDED),
            DELIVERED, EnumSet.of(REFUNDED),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    public boolean canMoveTo(OrderStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** Returns {@code target} when the table allows it, else throws {@link InvalidTransitionException}. */
    public OrderStatus moveTo(OrderStatus target) {
        if (!canMoveTo(target)) {
            throw new InvalidTransitionException("An order", this, target);
        }
        return target;
    }
}

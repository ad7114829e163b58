package io.oms.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands on its way to the warehouses, in one word for a storefront that polls "is my order
 * routed yet": derived from the status, plus whether some quantity waits for stock.
 */
public enum RoutingState {
    /** Placed, not paid yet (PENDING, PAYMENT_PROCESSING): nothing is reserved. */
    PENDING_PAYMENT,
    /** Paid; the routing worker is choosing locations (PAID). */
    ROUTING,
    /** Every open unit has a shipping location (AWAITING_FULFILLMENT or PARTIALLY_FULFILLED, nothing waiting). */
    ROUTED,
    /** Routed as far as stock allows; some quantity waits for stock (see the order's backorders). */
    BACKORDERED,
    /** Everything not cancelled has shipped (FULFILLED, DELIVERED). */
    SHIPPED,
    /** Nothing is left to route (CANCELLED, REFUNDED). */
    CLOSED;

    private static final Set<OrderStatus> IN_FULFILLMENT =
            EnumSet.of(OrderStatus.AWAITING_FULFILLMENT, OrderStatus.PARTIALLY_FULFILLED);

    /** Whether {@link #of} needs the backordered quantity for this status (only then is it worth reading). */
    public static boolean dependsOnBackorders(OrderStatus status) {
        return IN_FULFILLMENT.contains(status);
    }

    public static RoutingState of(OrderStatus status, int unitsBackordered) {
        return switch (status) {
            case PENDING, PAYMENT_PROCESSING -> PENDING_PAYMENT;
            case PAID -> ROUTING;
            case AWAITING_FULFILLMENT, PARTIALLY_FULFILLED -> unitsBackordered > 0 ? BACKORDERED : ROUTED;
            case FULFILLED, DELIVERED -> SHIPPED;
            case CANCELLED, REFUNDED -> CLOSED;
        };
    }
}

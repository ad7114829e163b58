package io.oms.audit;

/** Every kind of entry in an order's audit trail (stored as its name in order_events.type). */
public enum EventType {
    ORDER_PLACED,
    PAYMENT_CONFIRMED,
    STATUS_CHANGED,
    ORDER_ROUTED,
    ROUTING_FAILED,
    LINES_CANCELLED,
    ORDER_CANCELLED,
    BACKORDER_DECISION,
    FULFILLMENT_PICKING_STARTED,
    FULFILLMENT_PICKED,
    FULFILLMENT_PACKED,
    FULFILLMENT_SHIPPED,
    FULFILLMENT_DELIVERED,
    FULFILLMENT_MOVED,
    ORDER_STUCK,
    STUCK_CLEARED
}

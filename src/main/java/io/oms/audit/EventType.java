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
    /** Damaged or lost stock: units taken back from the order's not yet started shipment, to be routed again. */
    STOCK_TAKEN_BACK,
    ORDER_STUCK,
    STUCK_CLEARED
}

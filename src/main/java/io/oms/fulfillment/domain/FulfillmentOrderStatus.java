package io.oms.fulfillment.domain;

/** OPEN -> PICKING -> PICKED -> PACKED -> SHIPPED -> DELIVERED, or CANCELLED. */
public enum FulfillmentOrderStatus {
    OPEN,
    PICKING,
    PICKED,
    PACKED,
    SHIPPED,
    DELIVERED,
    CANCELLED
}

package io.oms.order.domain;

/** A line of a cart that is not an order yet (for a fulfillment plan): no price. */
public record CartLine(String sku, int quantity) {}

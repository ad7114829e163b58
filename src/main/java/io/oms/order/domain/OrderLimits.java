package io.oms.order.domain;

/** Input limits; values come from configuration (oms.orders.*). */
public record OrderLimits(int maxLines, int maxQuantity, int maxSkuLength, int maxIdempotencyKeyLength) {}

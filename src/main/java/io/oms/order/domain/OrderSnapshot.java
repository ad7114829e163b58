package io.oms.order.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An order as read, without its lines and events (they are fetched per batch of orders). */
public record OrderSnapshot(
        UUID id,
        long number,
        OrderStatus status,
        SplitPolicy splitPolicy,
        String customerId,
        String email,
        String currency,
        Address shippingAddress,
        BigDecimal subtotal,
        BigDecimal total,
        BigDecimal refundedTotal,
        String paymentReference,
        OffsetDateTime placedAt,
        OffsetDateTime updatedAt,
        long version,
        OffsetDateTime stuckSince,
        StuckReason stuckReason) {}

package io.oms.order.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record RefundSnapshot(
        UUID id,
        UUID orderId,
        BigDecimal amount,
        String reason,
        String actor,
        OffsetDateTime createdAt,
        List<Line> lines) {

    public record Line(UUID orderLineId, int quantity, BigDecimal amount) {}
}

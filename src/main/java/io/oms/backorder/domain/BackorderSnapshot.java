package io.oms.backorder.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

public record BackorderSnapshot(
        UUID id,
        UUID orderId,
        UUID orderLineId,
        String sku,
        int quantity,
        BackorderStatus status,
        BackorderDecision decision,
        OffsetDateTime expectedAt,
        OffsetDateTime createdAt,
        OffsetDateTime allocatedAt) {}

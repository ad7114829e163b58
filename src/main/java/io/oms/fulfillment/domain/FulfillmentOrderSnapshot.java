package io.oms.fulfillment.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

public record FulfillmentOrderSnapshot(
        UUID id,
        UUID orderId,
        UUID locationId,
        int routingPass,
        FulfillmentOrderStatus status,
        String carrier,
        String trackingNumber,
        OffsetDateTime estimatedDeliveryAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}

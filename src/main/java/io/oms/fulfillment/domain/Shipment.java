package io.oms.fulfillment.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A fulfillment order as commands see it: where it ships from, how far it got, and what it holds. */
public record Shipment(
        UUID id,
        UUID orderId,
        UUID locationId,
        String locationCode,
        int routingPass,
        FulfillmentOrderStatus status,
        String carrier,
        String trackingNumber,
        OffsetDateTime createdAt,
        List<Line> lines) {

    public Shipment {
        lines = List.copyOf(lines);
    }

    /** {@code quantity} of an order line, in this shipment. */
    public record Line(UUID orderLineId, String sku, int quantity) {}
}

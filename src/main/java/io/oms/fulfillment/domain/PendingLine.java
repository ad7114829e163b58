package io.oms.fulfillment.domain;

import java.time.OffsetDateTime;

/** Units of an order that another of its shipments still holds, with that shipment's delivery estimate. */
public record PendingLine(String sku, int quantity, OffsetDateTime estimatedDeliveryAt) {}

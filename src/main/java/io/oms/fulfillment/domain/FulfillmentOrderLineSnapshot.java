package io.oms.fulfillment.domain;

import java.util.UUID;

public record FulfillmentOrderLineSnapshot(UUID fulfillmentOrderId, UUID orderLineId, String sku, int quantity) {}

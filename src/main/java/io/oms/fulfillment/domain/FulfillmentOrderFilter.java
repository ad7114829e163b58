package io.oms.fulfillment.domain;

import java.util.UUID;

public record FulfillmentOrderFilter(UUID locationId, FulfillmentOrderStatus status) {}

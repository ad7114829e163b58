package io.oms.routing.domain;

import java.util.UUID;

/** The part of an order line still to route: not allocated, shipped or cancelled. */
public record OpenLine(UUID lineId, String sku, int quantity) {}

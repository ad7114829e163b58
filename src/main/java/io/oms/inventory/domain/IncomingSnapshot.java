package io.oms.inventory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Stock expected at a location on a date. */
public record IncomingSnapshot(UUID locationId, String sku, int quantity, OffsetDateTime expectedAt) {}

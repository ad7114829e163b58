package io.oms.inventory.domain;

import java.util.UUID;

/** A stock level: one SKU at one location. */
public record LevelKey(UUID locationId, String sku) {}

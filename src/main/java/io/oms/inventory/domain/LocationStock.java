package io.oms.inventory.domain;

import java.util.Map;
import java.util.UUID;

/**
 * A location that may ship to a destination (active, ships to its country) with its available stock of the
 * SKUs asked for, at the time it was read: what routing plans with.
 */
public record LocationStock(
        UUID locationId,
        String code,
        LocationType type,
        int priority,
        Double latitude,
        Double longitude,
        Map<String, Integer> available) {

    public LocationStock {
        available = Map.copyOf(available);
    }
}

package io.oms.routing.domain;

import java.util.Map;
import java.util.UUID;

/**
 * A location that may ship the order (active, ships to the destination country) with its available stock
 * of the order's SKUs at the time of the snapshot.
 */
public record Candidate(
        UUID locationId,
        String code,
        boolean dropship,
        int priority,
        Double latitude,
        Double longitude,
        Map<String, Integer> available) {

    public Candidate {
        available = Map.copyOf(available);
    }

    public int available(String sku) {
        return available.getOrDefault(sku, 0);
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}

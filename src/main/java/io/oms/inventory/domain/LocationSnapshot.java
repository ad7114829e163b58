package io.oms.inventory.domain;

import java.util.List;
import java.util.UUID;

public record LocationSnapshot(
        UUID id,
        String code,
        String name,
        LocationType type,
        int priority,
        boolean active,
        Double latitude,
        Double longitude,
        List<String> countries) {}

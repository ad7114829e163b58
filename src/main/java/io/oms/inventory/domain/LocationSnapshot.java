package io.oms.inventory.domain;

import java.util.List;
import java.util.UUID;

/** A location; {@code leadTimeDays} is how long its supplier takes to deliver more (null: not known). */
public record LocationSnapshot(
        UUID id,
        String code,
        String name,
        LocationType type,
        int priority,
        boolean active,
        Double latitude,
        Double longitude,
        List<String> countries,
        Integer leadTimeDays) {}

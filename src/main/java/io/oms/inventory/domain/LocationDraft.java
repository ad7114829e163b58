package io.oms.inventory.domain;

import java.util.List;

/** The fields of an upsert by code, as received. {@code null} means "keep" on update and a default on create. */
public record LocationDraft(
        String code,
        String name,
        LocationType type,
        Integer priority,
        Boolean active,
        Double latitude,
        Double longitude,
        List<String> countries,
        Integer leadTimeDays) {

    /** A draft that leaves the supplier lead time as it is. */
    public LocationDraft(
            String code,
            String name,
            LocationType type,
            Integer priority,
            Boolean active,
            Double latitude,
            Double longitude,
            List<String> countries) {
        this(code, name, type, priority, active, latitude, longitude, countries, null);
    }
}

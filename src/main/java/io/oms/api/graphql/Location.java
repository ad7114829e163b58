package io.oms.api.graphql;

import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.LocationType;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Location")
public record Location(
        @Id @NonNull String id,
        @NonNull String code,
        @NonNull String name,
        @NonNull LocationType type,

        @Description("Lower ships first when all else is equal")
        int priority,

        boolean active,
        Double latitude,
        Double longitude,

        @NonNull @Description("ISO-3166 alpha-2 codes this location ships to")
        List<@NonNull String> countries,

        @Description("Days the location's supplier takes to deliver more; null when not known")
        Integer leadTimeDays) {

    static Location from(LocationSnapshot l) {
        return new Location(
                l.id().toString(),
                l.code(),
                l.name(),
                l.type(),
                l.priority(),
                l.active(),
                l.latitude(),
                l.longitude(),
                l.countries(),
                l.leadTimeDays());
    }
}

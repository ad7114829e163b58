package io.oms.api.graphql;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ActivityCount")
@Description("What happened to orders in one bucket (an hour or a day, UTC) of orderActivity")
public record ActivityCount(
        @NonNull @Description("Where the bucket starts; it ends where the next one starts")
        OffsetDateTime start,

        @Description("Orders placed") int placed,
        @Description("Orders that reached PAID") int paid,

        @Description("Orders routed for the first time (later passes, such as backorder fills, are not counted)")
        int routed,

        @Description("Shipments shipped (parcels, not orders)")
        int shipped,

        @Description("Orders that reached CANCELLED, whatever cancelled them")
        int cancelled) {

    static ActivityCount from(io.oms.order.domain.ActivityCount count) {
        return new ActivityCount(
                count.start(), count.placed(), count.paid(), count.routed(), count.shipped(), count.cancelled());
    }
}

package io.oms.api.graphql;

import io.oms.inventory.domain.LocationSnapshot;
import io.oms.kernel.Times;
import io.oms.routing.domain.RoutingPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("FulfillmentPlan")
@Description("How a cart would ship right now; nothing is reserved")
public record FulfillmentPlan(
        @Description("Number of shipments") int splitCount,
        @NonNull List<@NonNull PlannedShipment> shipments,
        @NonNull List<@NonNull PlannedBackorder> backordered,

        @NonNull @Description("Why each location was chosen or passed over")
        List<@NonNull String> reasons) {

    @Type("PlannedShipment")
    public record PlannedShipment(
            @NonNull Location location,
            @NonNull List<@NonNull PlannedLine> lines,
            OffsetDateTime estimatedDeliveryAt) {}

    @Type("PlannedLine")
    public record PlannedLine(@NonNull String sku, int quantity) {}

    @Type("PlannedBackorder")
    public record PlannedBackorder(@NonNull String sku, int quantity, OffsetDateTime expectedAt) {}

    static FulfillmentPlan from(RoutingPlan plan, Map<UUID, LocationSnapshot> locations, Clock clock) {
        OffsetDateTime now = Times.now(clock);
        return new FulfillmentPlan(
                plan.splitCount(),
                plan.shipments().stream()
                        .map(s -> new PlannedShipment(
                                Location.from(locations.get(s.location().locationId())),
                                s.allocations().stream()
                                        .map(a -> new PlannedLine(a.sku(), a.quantity()))
                                        .toList(),
                                now.plus(Duration.ofDays(s.estimatedDays()))))
                        .toList(),
                plan.backordered().stream()
                        .map(b -> new PlannedBackorder(b.sku(), b.quantity(), null))
                        .toList(),
                plan.reasons());
    }
}

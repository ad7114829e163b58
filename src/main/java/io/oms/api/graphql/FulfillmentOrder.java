package io.oms.api.graphql;

import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One shipment of an order from one location; {@code order}, {@code location}, {@code lines} are batched. */
@Type("FulfillmentOrder")
public record FulfillmentOrder(
        @Id @NonNull String id,
        @NonNull FulfillmentOrderStatus status,

        @Description("1 for the first routing of the order, then one more per re-routing")
        int routingPass,

        String carrier,
        String trackingNumber,
        OffsetDateTime estimatedDeliveryAt,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore String orderId,
        @Ignore String locationId) {

    static FulfillmentOrder from(FulfillmentOrderSnapshot f) {
        return new FulfillmentOrder(
                f.id().toString(),
                f.status(),
                f.routingPass(),
                f.carrier(),
                f.trackingNumber(),
                f.estimatedDeliveryAt(),
                f.createdAt(),
                f.updatedAt(),
                f.orderId().toString(),
                f.locationId().toString());
    }
}

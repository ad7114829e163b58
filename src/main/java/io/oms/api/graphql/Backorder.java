package io.oms.api.graphql;

import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderStatus;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Backorder")
public record Backorder(
        @Id @NonNull String id,
        @NonNull String sku,
        int quantity,
        @NonNull BackorderStatus status,
        @NonNull BackorderDecision decision,
        @Description("When stock is expected, if known") OffsetDateTime expectedAt,
        @NonNull OffsetDateTime createdAt,
        OffsetDateTime allocatedAt,
        @Ignore String orderId,
        @Ignore String orderLineId) {

    static Backorder from(BackorderSnapshot b) {
        return new Backorder(
                b.id().toString(),
                b.sku(),
                b.quantity(),
                b.status(),
                b.decision(),
                b.expectedAt(),
                b.createdAt(),
                b.allocatedAt(),
                b.orderId().toString(),
                b.orderLineId().toString());
    }
}

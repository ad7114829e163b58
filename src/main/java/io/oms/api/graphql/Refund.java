package io.oms.api.graphql;

import io.oms.order.domain.RefundSnapshot;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Refund")
public record Refund(
        @Id @NonNull String id,
        @NonNull BigDecimal amount,
        @NonNull String reason,
        @NonNull String actor,
        @NonNull OffsetDateTime createdAt,
        @Ignore List<RefundSnapshot.Line> refundLines) {

    @Type("RefundLine")
    public record RefundLine(
            @NonNull BigDecimal amount,
            int quantity,
            @Ignore String orderLineId) {}

    static Refund from(RefundSnapshot r) {
        return new Refund(r.id().toString(), r.amount(), r.reason(), r.actor(), r.createdAt(), r.lines());
    }
}

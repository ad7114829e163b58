package io.oms.api.graphql;

import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An order as clients see it; {@code lines} and {@code events} are batched fields of {@link OrderGraphQL}. */
@Type("Order")
public record Order(
        @Id @NonNull String id,
        @NonNull @Description("Human-readable order number") String number,
        @NonNull OrderStatus status,
        @NonNull SplitPolicy splitPolicy,
        @NonNull String customerId,
        String email,

        @NonNull @Description("ISO-4217 code of every amount of this order")
        String currency,

        @NonNull Address shippingAddress,
        @NonNull BigDecimal subtotal,
        @NonNull BigDecimal total,
        @NonNull BigDecimal refundedTotal,
        String paymentReference,
        @NonNull OffsetDateTime placedAt,
        @NonNull OffsetDateTime updatedAt,

        @Description("Increases with every change; pass it as expectedVersion to refuse stale writes")
        int version,

        @Description("When the order was flagged as stuck; null when it moves normally")
        OffsetDateTime stuckSince,

        StuckReason stuckReason) {

    static Order from(OrderSnapshot o) {
        return new Order(
                o.id().toString(),
                Long.toString(o.number()),
                o.status(),
                o.splitPolicy(),
                o.customerId(),
                o.email(),
                o.currency(),
                Address.from(o.shippingAddress()),
                o.subtotal(),
                o.total(),
                o.refundedTotal(),
                o.paymentReference(),
                o.placedAt(),
                o.updatedAt(),
                (int) o.version(),
                o.stuckSince(),
                o.stuckReason());
    }
}

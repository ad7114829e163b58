package io.oms.order.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Writes a refund with its lines inside the cancellation's transaction. */
@ApplicationScoped
public class Refunds {

    public record RefundLine(UUID orderLineId, int quantity, BigDecimal amount) {
    }

    public Uni<UUID> record(UUID orderId, BigDecimal amount, String reason, String actor, List<RefundLine> lines,
            OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into refunds (id, order_id, amount, reason, actor, created_at)
                values (:id, :orderId, :amount, :reason, :actor, :now)""")
                .setParameter("id", id)
                .setParameter("orderId", orderId)
                .setParameter("amount", amount)
                .setParameter("reason", reason)
                .setParameter("actor", actor)
                .setParameter("now", now)
                .executeUpdate()
                .chain(() -> Multi.createFrom().iterable(lines)
                        .onItem().transformToUniAndConcatenate(line -> session.createNativeQuery("""
                                insert into refund_lines (refund_id, order_line_id, quantity, amount)
                                values (:id, :line, :quantity, :amount)""")
                                .setParameter("id", id)
                                .setParameter("line", line.orderLineId())
                                .setParameter("quantity", line.quantity())
                                .setParameter("amount", line.amount())
                                .executeUpdate())
                        .collect().asList()))
                .replaceWith(id);
    }
}

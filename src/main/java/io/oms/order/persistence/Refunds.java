package io.oms.order.persistence;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Writes a refund with its lines inside the cancellation's transaction. */
@ApplicationScoped
public class Refunds {

    public record RefundLine(UUID orderLineId, int quantity, BigDecimal amount) {}

    public Uni<UUID> record(
            Tx tx,
            UUID orderId,
            BigDecimal amount,
            String reason,
            String actor,
            List<RefundLine> lines,
            OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        return tx.execute("""
                insert into refunds (id, order_id, amount, reason, actor, created_at)
                values ($1, $2, $3, $4, $5, $6)""", id, orderId, amount, reason, actor, now)
                .chain(() -> tx.batch(
                        """
                        insert into refund_lines (refund_id, order_line_id, quantity, amount)
                        values ($1, $2, $3, $4)""",
                        lines.stream()
                                .map(l -> Tx.tuple(id, l.orderLineId(), l.quantity(), l.amount()))
                                .toList()))
                .replaceWith(id);
    }
}

package io.oms.order.persistence;

import io.oms.kernel.Money;
import io.oms.order.domain.RefundSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Refunds of a batch of orders with their lines, in one query, oldest first. */
@ApplicationScoped
public class RefundQueries {
    private final Pool pool;

    public RefundQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, List<RefundSnapshot>>> ofOrders(List<UUID> orderIds) {
        return pool.preparedQuery("""
                select r.id, r.order_id, r.amount, r.reason, r.actor, r.created_at, o.currency,
                       rl.order_line_id, rl.quantity, rl.amount as line_amount
                from refunds r join orders o on o.id = r.order_id
                join refund_lines rl on rl.refund_id = r.id
                where r.order_id = any($1) order by r.order_id, r.created_at, r.id, rl.order_line_id""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, RefundSnapshot> byId = new LinkedHashMap<>();
                    for (Row row : rows) {
                        Currency currency = Currency.getInstance(row.getString("currency"));
                        RefundSnapshot refund = byId.computeIfAbsent(
                                row.getUUID("id"),
                                id -> new RefundSnapshot(
                                        id,
                                        row.getUUID("order_id"),
                                        Money.round(row.getBigDecimal("amount"), currency),
                                        row.getString("reason"),
                                        row.getString("actor"),
                                        row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC),
                                        new ArrayList<>()));
                        refund.lines()
                                .add(new RefundSnapshot.Line(
                                        row.getUUID("order_line_id"),
                                        row.getInteger("quantity"),
                                        Money.round(row.getBigDecimal("line_amount"), currency)));
                    }
                    Map<UUID, List<RefundSnapshot>> byOrder = new LinkedHashMap<>();
                    byId.values()
                            .forEach(r -> byOrder.computeIfAbsent(r.orderId(), k -> new ArrayList<>())
                                    .add(r));
                    return byOrder;
                });
    }
}

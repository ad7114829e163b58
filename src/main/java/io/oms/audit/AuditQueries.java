package io.oms.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads audit trails for a batch of orders in one query, oldest event first. */
@ApplicationScoped
public class AuditQueries {
    private final Pool pool;

    public AuditQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, List<OrderEvent>>> eventsOf(List<UUID> orderIds) {
        return pool.preparedQuery("""
                select id, order_id, type, from_status, to_status, actor, note, details::text, occurred_at
                from order_events where order_id = any($1) order by order_id, id""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<OrderEvent>> byOrder = new LinkedHashMap<>();
                    for (Row row : rows) {
                        OrderEvent event = new OrderEvent(
                                row.getLong(0),
                                row.getUUID(1),
                                row.getString(2),
                                row.getString(3),
                                row.getString(4),
                                row.getString(5),
                                row.getString(6),
                                row.getString(7),
                                row.getOffsetDateTime(8).withOffsetSameInstant(ZoneOffset.UTC));
                        byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>())
                                .add(event);
                    }
                    return byOrder;
                });
    }
}

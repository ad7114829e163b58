package io.oms.order.persistence;

import io.oms.infra.sql.Rows;
import io.oms.order.domain.ActivityCount;
import io.oms.order.domain.ActivityWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Order activity per bucket, counted from the audit trail on the pool. Each figure is a kind of event in the
 * window, read from order_events_type_time_idx (V12_3) by type and time; the statuses the figures test are in the
 * index too, so no event row is read:
 * <ul>
 *   <li>placed: ORDER_PLACED;
 *   <li>paid: the change into PAID (PAYMENT_CONFIRMED, or a STATUS_CHANGED to PAID by hand); an order enters PAID
 *       once, and events that only flag a PAID order (ROUTING_FAILED) stay in PAID;
 *   <li>routed: an order's first routing, which is the ORDER_ROUTED that takes it out of PAID (later passes, fills
 *       of its backorders, find it in AWAITING_FULFILLMENT or beyond);
 *   <li>shipped: FULFILLMENT_SHIPPED, one per parcel;
 *   <li>cancelled: the change into CANCELLED, which the status follower writes as STATUS_CHANGED whatever cancelled
 *       the order (cancelOrder, a chargeback, the last lines cancelled).
 * </ul>
 */
@ApplicationScoped
public class OrderActivityQueries {
    static final String ACTIVITY = """
            select date_trunc($3, occurred_at, 'UTC') as start,
                   count(*) filter (where type = 'ORDER_PLACED')::int as placed,
                   count(*) filter (where to_status = 'PAID' and from_status is distinct from 'PAID')::int as paid,
                   count(*) filter (where type = 'ORDER_ROUTED' and from_status = 'PAID')::int as routed,
                   count(*) filter (where type = 'FULFILLMENT_SHIPPED')::int as shipped,
                   count(*) filter (where to_status = 'CANCELLED'
                                    and from_status is distinct from 'CANCELLED')::int as cancelled
            from order_events
            where type in ('ORDER_PLACED', 'PAYMENT_CONFIRMED', 'STATUS_CHANGED', 'ORDER_ROUTED', 'FULFILLMENT_SHIPPED')
              and occurred_at >= $1 and occurred_at < $2
            group by 1""";

    private final Pool pool;

    public OrderActivityQueries(Pool pool) {
        this.pool = pool;
    }

    /** The buckets of the window that anything happened in, by their start (UTC). */
    public Uni<Map<OffsetDateTime, ActivityCount>> counts(ActivityWindow window) {
        String unit = window.bucket().name().toLowerCase();
        return pool.preparedQuery(ACTIVITY)
                .execute(Tuple.of(window.start(), window.end(), unit))
                .map(rows -> {
                    Map<OffsetDateTime, ActivityCount> counted = new HashMap<>();
                    for (Row row : rows) {
                        ActivityCount count = new ActivityCount(
                                Rows.utc(row, "start"),
                                row.getInteger("placed"),
                                row.getInteger("paid"),
                                row.getInteger("routed"),
                                row.getInteger("shipped"),
                                row.getInteger("cancelled"));
                        counted.put(count.start(), count);
                    }
                    return counted;
                });
    }
}

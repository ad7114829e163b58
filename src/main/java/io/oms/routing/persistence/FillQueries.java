package io.oms.routing.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The reads of the backorder fill, on the pool: the FIFO queue of orders waiting for one level's SKU. */
@ApplicationScoped
public class FillQueries {
    private final Pool pool;

    public FillQueries(Pool pool) {
        this.pool = pool;
    }

    /** Position in the FIFO queue: the order's oldest open backorder of the SKU. */
    public record Position(OffsetDateTime createdAt, UUID orderId) {}

    /** The next orders waiting for this level's SKU, oldest first, after {@code after} (null: from the start). */
    public Uni<List<Position>> next(UUID locationId, String sku, Position after, int limit) {
        return pool.preparedQuery("""
                select min(b.created_at) as first_waiting, b.order_id
                from backorders b join orders o on o.id = b.order_id
                join locations l on l.id = $1
                where b.sku = $2 and b.status = 'OPEN' and o.ship_country = any(l.countries)
                group by b.order_id
                having ($3::timestamptz is null or (min(b.created_at), b.order_id) > ($3::timestamptz, $4::uuid))
                order by first_waiting, b.order_id
                limit $5""")
                .execute(Tuple.from(Arrays.asList(
                        locationId,
                        sku,
                        after == null ? null : after.createdAt(),
                        after == null ? null : after.orderId(),
                        limit)))
                .map(rows -> {
                    List<Position> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(new Position(row.getOffsetDateTime(0), row.getUUID(1)));
                    }
                    return page;
                });
    }

    /**
     * Of these orders, those a batch fill can serve: awaiting fulfillment, with exactly one line left to route,
     * of this SKU (the rule {@code BatchFill.simple} applies again to the locked rows). Everything else (several
     * lines, another status) is routed order by order. Each order is judged on its own in a subquery driven by the
     * page's ids (a primary-key lookup, then its lines by order): written as joins, the planner without statistics
     * started from every line of the SKU instead (111,000 lines of the busiest SKU at a million orders, 400 ms per
     * page, bench/scale R.20).
     */
    public Uni<java.util.Set<UUID>> simple(List<UUID> orderIds, String sku) {
        return pool.preparedQuery("""
                        select p.id from unnest($1::uuid[]) as p(id)
                        where (select o.status in ('AWAITING_FULFILLMENT', 'PARTIALLY_FULFILLED')
                                      and (select count(*) = 1 and bool_and(l.sku = $2) from order_lines l
                                           where l.order_id = o.id and l.quantity - l.quantity_allocated
                                                 - l.quantity_cancelled - l.quantity_shipped > 0)
                               from orders o where o.id = p.id)""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new), sku))
                .map(rows -> {
                    java.util.Set<UUID> ids = new java.util.HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }
}

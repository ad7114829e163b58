package io.oms.order.persistence;

import static io.oms.infra.sql.Rows.utc;

import io.oms.infra.sql.KeysetPages;
import io.oms.infra.sql.Tx;
import io.oms.infra.sql.Where;
import io.oms.kernel.Cursor;
import io.oms.kernel.Money;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.oms.order.domain.Address;
import io.oms.order.domain.OrderFilter;
import io.oms.order.domain.OrderLineSnapshot;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderSort;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The read side of orders. Reads go through the pooled reactive client rather than a Hibernate session:
 * graphql-java resolves sibling fields concurrently, and each pooled query takes its own connection, so
 * no session is ever used by two queries at once.
 */
@ApplicationScoped
public class OrderQueries {
    /** The columns of an {@link OrderSnapshot} of {@code orders o}, in {@link #toOrder}'s order. */
    static final String COLUMNS = """
            o.id, o.number, o.status, o.split_policy, o.customer_id, o.email, o.currency, o.ship_name, o.ship_line1,
            o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, o.ship_country, o.ship_latitude,
            o.ship_longitude, o.subtotal, o.total, o.refunded_total, o.payment_reference, o.placed_at, o.updated_at,
            o.version, o.stuck_since, o.stuck_reason""";
    /** Order lines with their order's currency, to show prices with the right number of decimals. */
    public static final String LINES = """
            select l.id, l.order_id, l.line_no, l.sku, l.quantity, l.unit_price, l.quantity_allocated,
                   l.quantity_backordered, l.quantity_cancelled, l.quantity_shipped, o.currency
            from order_lines l join orders o on o.id = l.order_id""";

    private final Pool pool;

    public OrderQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<OrderSnapshot> byId(UUID id) {
        return byId(pool, id);
    }

    /** The order as the transaction sees it: what a command answers, read before it commits. */
    public Uni<OrderSnapshot> byId(Tx tx, UUID id) {
        return byId(tx.client(), id);
    }

    private static Uni<OrderSnapshot> byId(SqlClient client, UUID id) {
        return client.preparedQuery("select " + COLUMNS + " from orders o where o.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toOrder(rows.iterator().next()) : null);
    }

    /**
     * By placedAt either way; each filter is served by an index of V1, V5, V9_x, V12_1 or V14_1
     * (bench/scale/explain.sh). With a location the list is read from that location's fulfillment orders in page
     * order (their copy of the order's placed_at, V14), so the plan does not depend on how busy the location is or
     * on statistics; an order shipped several times from there is listed once, at its first fulfillment order.
     */
    public Uni<Page<OrderSnapshot>> page(OrderFilter filter, OrderSort sort, PageRequest request) {
        Function<OrderSnapshot, Cursor> cursorOf = o -> new Cursor(o.placedAt().toInstant(), o.id());
        boolean byLocation = filter.locationId() != null;
        String from = byLocation ? "from fulfillment_orders lo join orders o on o.id = lo.order_id" : "from orders o";
        String key = byLocation ? "lo.order_placed_at" : "o.placed_at";
        String id = byLocation ? "lo.order_id" : "o.id";
        return KeysetPages.page(
                pool,
                "select " + COLUMNS + " " + from,
                from,
                sort == OrderSort.PLACED_AT_ASC
                        ? KeysetPages.Keyset.oldestFirst(key, id, cursorOf)
                        : KeysetPages.Keyset.newestFirst(key, id, cursorOf),
                where(filter),
                request,
                OrderQueries::toOrder);
    }

    /**
     * Orders flagged as stuck, for one reason or any, longest stuck first: the partial indexes orders_stuck_idx
     * (any) and orders_stuck_reason_idx (V12_1, one reason) are in this order.
     */
    public Uni<Page<OrderSnapshot>> stuck(StuckReason reason, PageRequest request) {
        Where where = new Where();
        where.and("o.stuck_since is not null");
        if (reason != null) {
            where.and("o.stuck_reason = $%d", reason.name());
        }
        return KeysetPages.page(
                pool,
                "select " + COLUMNS + " from orders o",
                "from orders o",
                KeysetPages.Keyset.oldestFirst(
                        "o.stuck_since", "o.id", o -> new Cursor(o.stuckSince().toInstant(), o.id())),
                where,
                request,
                OrderQueries::toOrder);
    }

    /** Orders by id, in any order; absent ids are left out. */
    public Uni<Map<UUID, OrderSnapshot>> byIds(List<UUID> ids) {
        return pool.preparedQuery("select " + COLUMNS + " from orders o where o.id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, OrderSnapshot> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getUUID("id"), toOrder(row)));
                    return byId;
                });
    }

    /** Order lines by their own ids. */
    public Uni<Map<UUID, OrderLineSnapshot>> linesByIds(List<UUID> lineIds) {
        return pool.preparedQuery(LINES + " where l.id = any($1)")
                .execute(Tuple.of(lineIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, OrderLineSnapshot> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getUUID(0), toLine(row)));
                    return byId;
                });
    }

    public Uni<Map<UUID, List<OrderLineSnapshot>>> linesOf(List<UUID> orderIds) {
        return pool.preparedQuery(LINES + " where l.order_id = any($1) order by l.order_id, l.line_no")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<OrderLineSnapshot>> byOrder = new LinkedHashMap<>();
                    for (Row row : rows) {
                        OrderLineSnapshot line = toLine(row);
                        byOrder.computeIfAbsent(line.orderId(), id -> new ArrayList<>())
                                .add(line);
                    }
                    return byOrder;
                });
    }

    /** Units waiting for stock per order (orders without any are left out): one indexed query per batch. */
    public Uni<Map<UUID, Integer>> unitsBackorderedOf(List<UUID> orderIds) {
        return pool.preparedQuery("""
                        select l.order_id, sum(l.quantity_backordered)::int from order_lines l
                        where l.order_id = any($1) and l.quantity_backordered > 0 group by l.order_id""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Integer> byOrder = new HashMap<>();
                    rows.forEach(row -> byOrder.put(row.getUUID(0), row.getInteger(1)));
                    return byOrder;
                });
    }

    /** Maps a row of {@link #LINES}. */
    public static OrderLineSnapshot toLine(Row row) {
        return new OrderLineSnapshot(
                row.getUUID(0),
                row.getUUID(1),
                row.getInteger(2),
                row.getString(3),
                row.getInteger(4),
                money(row, "unit_price"),
                row.getInteger(6),
                row.getInteger(7),
                row.getInteger(8),
                row.getInteger(9));
    }

    private static Where where(OrderFilter filter) {
        Where where = new Where();
        if (filter.number() != null) {
            where.and("o.number = $%d", filter.number()); // unique index of V1
        }
        if (filter.email() != null) {
            where.and("lower(o.email) = lower($%d)", filter.email()); // orders_email_placed_idx (V9_1)
        }
        if (filter.locationId() != null) {
            // Read from the location's fulfillment orders (see page), fulfillment_orders_location_placed_idx (V14_1),
            // each order once: at its fulfillment order there with the smallest id. The order's others there share
            // its key (placed_at, order id), so the check is a probe of the same index just beside the entry.
            where.and(
                    "lo.location_id = $%d and not exists (select 1 from fulfillment_orders d"
                            + " where d.location_id = lo.location_id and d.order_placed_at = lo.order_placed_at"
                            + " and d.order_id = lo.order_id and d.id < lo.id)",
                    filter.locationId());
        }
        if (filter.status() != null) {
            where.and("o.status = $%d", filter.status().name());
        }
        if (filter.customerId() != null) {
            where.and("o.customer_id = $%d", filter.customerId());
        }
        if (filter.sku() != null) {
            where.and("exists (select 1 from order_lines l where l.order_id = o.id and l.sku = $%d)", filter.sku());
        }
        if (filter.placedFrom() != null) {
            where.and("o.placed_at >= $%d", filter.placedFrom());
        }
        if (filter.placedTo() != null) {
            where.and("o.placed_at < $%d", filter.placedTo());
        }
        if (filter.stuckReason() != null) {
            // Implies stuck (OrderFilter refuses stuck: false with it): orders_stuck_reason_idx (V12_1).
            where.and(
                    "o.stuck_since is not null and o.stuck_reason = $%d",
                    filter.stuckReason().name());
        } else if (filter.stuck() != null) {
            // true is served by the partial index orders_stuck_placed_idx (V5).
            where.and(filter.stuck() ? "o.stuck_since is not null" : "o.stuck_since is null");
        }
        return where;
    }

    static OrderSnapshot toOrder(Row row) {
        Address address = new Address(
                row.getString("ship_name"),
                row.getString("ship_line1"),
                row.getString("ship_line2"),
                row.getString("ship_city"),
                row.getString("ship_region"),
                row.getString("ship_postal_code"),
                row.getString("ship_country"),
                row.getDouble("ship_latitude"),
                row.getDouble("ship_longitude"));
        return new OrderSnapshot(
                row.getUUID("id"),
                row.getLong("number"),
                OrderStatus.valueOf(row.getString("status")),
                SplitPolicy.valueOf(row.getString("split_policy")),
                row.getString("customer_id"),
                row.getString("email"),
                row.getString("currency"),
                address,
                money(row, "subtotal"),
                money(row, "total"),
                money(row, "refunded_total"),
                row.getString("payment_reference"),
                utc(row, "placed_at"),
                utc(row, "updated_at"),
                row.getLong("version"),
                utc(row, "stuck_since"),
                row.getString("stuck_reason") == null ? null : StuckReason.valueOf(row.getString("stuck_reason")));
    }

    /** Stored with four decimals; shown with the currency's own (2 for USD, 0 for JPY). */
    private static BigDecimal money(Row row, String column) {
        return Money.round(row.getBigDecimal(column), Currency.getInstance(row.getString("currency")));
    }
}

package io.oms.order.persistence;

import io.oms.order.domain.Address;
import io.oms.order.domain.OrderFilter;
import io.oms.order.domain.OrderLineSnapshot;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.shared.Cursor;
import io.oms.shared.Page;
import io.oms.shared.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.oms.shared.Money;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read side of orders. Reads go through the pooled reactive client rather than a Hibernate session:
 * graphql-java resolves sibling fields concurrently, and each pooled query takes its own connection, so
 * no session is ever used by two queries at once.
 */
@ApplicationScoped
public class OrderQueries {
    private static final String COLUMNS = """
            o.id, o.number, o.status, o.split_policy, o.customer_id, o.email, o.currency, o.ship_name, o.ship_line1,
            o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, o.ship_country, o.ship_latitude,
            o.ship_longitude, o.subtotal, o.total, o.refunded_total, o.payment_reference, o.placed_at, o.updated_at,
            o.version""";

    private final Pool pool;

    public OrderQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<OrderSnapshot> byId(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from orders o where o.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toOrder(rows.iterator().next()) : null);
    }

    public Uni<Page<OrderSnapshot>> page(OrderFilter filter, PageRequest request) {
        Where where = where(filter);
        Where pageWhere = where.copy();
        if (request.after() != null) {
            Cursor after = Cursor.decode(request.after());
            // Row comparison matches the (placed_at desc, id desc) indexes.
            pageWhere.add("(o.placed_at, o.id) < ($%d, $%d)",
                    after.time().atOffset(ZoneOffset.UTC), after.id());
        }
        String sql = "select " + COLUMNS + " from orders o" + pageWhere.sql()
                + " order by o.placed_at desc, o.id desc limit " + (request.first() + 1);
        Uni<List<OrderSnapshot>> items = pool.preparedQuery(sql).execute(pageWhere.tuple())
                .map(rows -> {
                    List<OrderSnapshot> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toOrder(row)));
                    return list;
                });
        Uni<Long> count = pool.preparedQuery("select count(*) from orders o" + where.sql())
                .execute(where.tuple())
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, count).asTuple().map(pair -> {
            List<OrderSnapshot> list = pair.getItem1();
            boolean hasNext = list.size() > request.first();
            List<Page.Edge<OrderSnapshot>> edges = list.stream().limit(request.first())
                    .map(o -> new Page.Edge<>(new Cursor(o.placedAt().toInstant(), o.id()).encode(), o))
                    .toList();
            return new Page<>(edges, hasNext, pair.getItem2());
        });
    }

    public Uni<Map<UUID, List<OrderLineSnapshot>>> linesOf(List<UUID> orderIds) {
        return pool.preparedQuery("""
                select l.id, l.order_id, l.line_no, l.sku, l.quantity, l.unit_price, l.quantity_allocated,
                       l.quantity_backordered, l.quantity_cancelled, l.quantity_shipped, o.currency
                from order_lines l join orders o on o.id = l.order_id
                where l.order_id = any($1) order by l.order_id, l.line_no""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<OrderLineSnapshot>> byOrder = new LinkedHashMap<>();
                    for (Row row : rows) {
                        OrderLineSnapshot line = new OrderLineSnapshot(row.getUUID(0), row.getUUID(1),
                                row.getInteger(2), row.getString(3), row.getInteger(4), money(row, "unit_price"),
                                row.getInteger(6), row.getInteger(7), row.getInteger(8), row.getInteger(9));
                        byOrder.computeIfAbsent(line.orderId(), id -> new ArrayList<>()).add(line);
                    }
                    return byOrder;
                });
    }

    private static Where where(OrderFilter filter) {
        Where where = new Where();
        if (filter.status() != null) {
            where.add("o.status = $%d", filter.status().name());
        }
        if (filter.customerId() != null) {
            where.add("o.customer_id = $%d", filter.customerId());
        }
        if (filter.sku() != null) {
            where.add("exists (select 1 from order_lines l where l.order_id = o.id and l.sku = $%d)", filter.sku());
        }
        if (filter.placedFrom() != null) {
            where.add("o.placed_at >= $%d", filter.placedFrom());
        }
        if (filter.placedTo() != null) {
            where.add("o.placed_at < $%d", filter.placedTo());
        }
        return where;
    }

    private static OrderSnapshot toOrder(Row row) {
        Address address = new Address(row.getString("ship_name"), row.getString("ship_line1"),
                row.getString("ship_line2"), row.getString("ship_city"), row.getString("ship_region"),
                row.getString("ship_postal_code"), row.getString("ship_country"), row.getDouble("ship_latitude"),
                row.getDouble("ship_longitude"));
        return new OrderSnapshot(row.getUUID("id"), row.getLong("number"),
                OrderStatus.valueOf(row.getString("status")), SplitPolicy.valueOf(row.getString("split_policy")),
                row.getString("customer_id"), row.getString("email"), row.getString("currency"), address,
                money(row, "subtotal"), money(row, "total"), money(row, "refunded_total"),
                row.getString("payment_reference"), utc(row.getOffsetDateTime("placed_at")),
                utc(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }

    /** Stored with four decimals; shown with the currency's own (2 for USD, 0 for JPY). */
    private static BigDecimal money(Row row, String column) {
        return Money.round(row.getBigDecimal(column), Currency.getInstance(row.getString("currency")));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A WHERE clause with numbered parameters; conditions are fixed text, values are always bound. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        void add(String condition, Object... args) {
            Object[] positions = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values.add(args[i]);
                positions[i] = values.size();
            }
            conditions.add(String.format(condition, positions));
        }

        Where copy() {
            Where copy = new Where();
            copy.conditions.addAll(conditions);
            copy.values.addAll(values);
            return copy;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        Tuple tuple() {
            return Tuple.from(values);
        }
    }
}

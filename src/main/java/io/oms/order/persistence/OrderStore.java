package io.oms.order.persistence;

import io.oms.infra.sql.Rows;
import io.oms.infra.sql.Tx;
import io.oms.order.domain.LineQuantities;
import io.oms.order.domain.NewOrderLine;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.OrderTotals;
import io.oms.order.domain.OrderWithLines;
import io.oms.order.domain.PlaceOrder;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes of orders and their lines, inside the caller's transaction. An order is read with its row locked, and
 * written back only when it changed, with its version bumped: every command on an order applies after the one
 * before it, in any replica, and a client's expectedVersion tells whether anything changed since it read.
 */
@ApplicationScoped
public class OrderStore {
    private static final String ORDER_COLUMNS = """
            id, number, customer_id, email, currency, split_policy, ship_country, ship_latitude, ship_longitude,
            status, subtotal, total, refunded_total, payment_reference, updated_at, stuck_since, stuck_reason, version""";

    /** The order with its row locked until the transaction ends; null when there is none. */
    public Uni<Order> lock(Tx tx, UUID id) {
        return tx.one("select " + ORDER_COLUMNS + " from orders where id = $1 for update", OrderStore::toOrder, id);
    }

    /** {@link #ORDER_COLUMNS} of {@code orders o}, for a statement that joins other tables. */
    private static final String ORDER_COLUMNS_OF_O = "o." + String.join(", o.", ORDER_COLUMNS.split(",\\s*"));

    /**
     * The order locked as {@link #lock} locks it, with its lines in the order they were placed, in one statement
     * (routing reads both, and each statement costs PostgreSQL more than the rows it reads); null when there is none.
     */
    public Uni<OrderWithLines> lockWithLines(Tx tx, UUID id) {
        return tx.execute("select " + ORDER_COLUMNS_OF_O + """
                        , l.id as line_id, l.line_no, l.sku, l.unit_price, l.quantity, l.quantity_allocated,
                            l.quantity_backordered, l.quantity_cancelled, l.quantity_shipped
                        from orders o left join order_lines l on l.order_id = o.id
                        where o.id = $1
                        order by l.line_no
                        for update of o""", id).map(rows -> {
            Order order = null;
            List<OrderLine> lines = new ArrayList<>();
            for (Row row : rows) {
                order = order == null ? toOrder(row) : order;
                if (row.getUUID("line_id") != null) {
                    lines.add(toLine(row, LINE_COLUMNS_AFTER_ORDER));
                }
            }
            return order == null ? null : new OrderWithLines(order, lines);
        });
    }

    /** Where the line's columns start in {@link #lockWithLines}'s rows. */
    private static final int LINE_COLUMNS_AFTER_ORDER = ORDER_COLUMNS.split(",").length;

    /** Several orders locked, in id order (the lock order of every batch), each as {@link #lock} reads it. */
    public Uni<List<Order>> lockAll(Tx tx, List<UUID> ids) {
        return tx.list(
                "select " + ORDER_COLUMNS + " from orders where id = any($1) order by id for update",
                OrderStore::toOrder,
                (Object) ids.toArray(UUID[]::new));
    }

    /** The lines of several orders, by order, each in the order they were placed. */
    public Uni<java.util.Map<UUID, List<OrderLine>>> linesOf(Tx tx, List<UUID> orderIds) {
        return tx.list("""
                        select id, line_no, sku, unit_price, quantity, quantity_allocated, quantity_backordered,
                               quantity_cancelled, quantity_shipped, order_id
                        from order_lines where order_id = any($1) order by order_id, line_no""", row -> java.util.Map.entry(row.getUUID(9), toLine(row)), (Object)
                        orderIds.toArray(UUID[]::new))
                .map(rows -> {
                    java.util.Map<UUID, List<OrderLine>> byOrder = new java.util.LinkedHashMap<>();
                    rows.forEach(e -> byOrder.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
                    return byOrder;
                });
    }

    private static OrderLine toLine(Row row) {
        return toLine(row, 0);
    }

    /** A line from the row's columns {@code first} to {@code first + 8}. */
    private static OrderLine toLine(Row row, int first) {
        return new OrderLine(
                row.getUUID(first),
                row.getInteger(first + 1),
                row.getString(first + 2),
                row.getBigDecimal(first + 3),
                new LineQuantities(
                        row.getInteger(first + 4),
                        row.getInteger(first + 5),
                        row.getInteger(first + 6),
                        row.getInteger(first + 7),
                        row.getInteger(first + 8)));
    }

    public Uni<List<OrderLine>> lines(Tx tx, UUID orderId) {
        return tx.list("""
                select id, line_no, sku, unit_price, quantity, quantity_allocated, quantity_backordered,
                       quantity_cancelled, quantity_shipped
                from order_lines where order_id = $1 order by line_no""", OrderStore::toLine, orderId);
    }

    /** The caller's idempotency key for a new order, and the hash of the request it was first used for. */
    public record Key(String caller, String key, String requestHash) {}

    /**
     * Claims the caller's idempotency key and, only when this call got it, inserts the new PENDING order with its
     * lines, in one statement; returns the order as {@link OrderQueries} reads it, from the insert itself (placing
     * an order answers with it), or null when the key was taken. {@code ON CONFLICT DO NOTHING} makes a concurrent
     * duplicate wait until the first transaction ends; it then gets null and finds the committed claim ({@link
     * IdempotencyKeys#find}). The order's number is drawn only for a claimed key.
     */
    public Uni<OrderSnapshot> insertClaimed(
            Tx tx, Key key, UUID id, String customerId, PlaceOrder order, OrderTotals totals, OffsetDateTime now) {
        var a = order.shippingAddress();
        // Arrays.asList, not List.of: an address line or a coordinate may be null.
        List<Object> values = new ArrayList<>(Arrays.asList(
                id,
                customerId,
                order.email(),
                order.currency(),
                order.splitPolicy().name(),
                a.name(),
                a.line1(),
                a.line2(),
                a.city(),
                a.region(),
                a.postalCode(),
                a.country(),
                a.latitude(),
                a.longitude(),
                totals.subtotal(),
                totals.total(),
                now,
                key.caller(),
                key.key(),
                key.requestHash()));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < order.lines().size(); i++) {
            NewOrderLine line = order.lines().get(i);
            int p = values.size();
            lines.append(i == 0 ? "" : ", ")
                    .append("($%d::uuid, %d, $%d::text, $%d::int, $%d::numeric)"
                            .formatted(p + 1, i + 1, p + 2, p + 3, p + 4));
            values.addAll(List.of(UUID.randomUUID(), line.sku(), line.quantity(), line.unitPrice()));
        }
        return tx.one("""
                with claimed as (
                    insert into idempotency_keys (caller, key, order_id, request_hash, created_at)
                    values ($18, $19, $1, $20, $17)
                    on conflict (caller, key) do nothing
                    returning order_id),
                o as (
                    insert into orders as o (id, number, customer_id, email, currency, status, split_policy,
                        ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country,
                        ship_latitude, ship_longitude, subtotal, total, refunded_total, placed_at, updated_at, version)
                    select $1, nextval('order_number_seq'), $2, $3, $4, 'PENDING', $5, $6, $7, $8, $9, $10, $11,
                        $12, $13, $14, $15, $16, 0, $17, $17, 0
                    from claimed
                    returning\s""" + OrderQueries.COLUMNS + """
                ),
                lines as (
                    insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
                    select v.id, o.id, v.line_no, v.sku, v.quantity, v.unit_price
                    from o, (values\s""" + lines + """
                ) as v (id, line_no, sku, quantity, unit_price))
                select * from o""", OrderQueries::toOrder, values.toArray());
    }

    /** Writes the order if it changed (bumping its version) and the lines that changed. */
    public Uni<Void> save(Tx tx, Order order, List<OrderLine> lines) {
        return saveAll(tx, List.of(order), lines);
    }

    /**
     * Writes the orders that changed (bumping their versions) and the lines that changed: two statements, each
     * one {@code update ... from unnest(arrays)} however many rows changed. A batch fill changes hundreds of orders
     * at once, and a statement executed once per row costs PostgreSQL a bind and an execute each.
     */
    public Uni<Void> saveAll(Tx tx, List<Order> orders, List<OrderLine> lines) {
        List<OrderLine> changedLines = lines.stream().filter(OrderLine::changed).toList();
        List<Order> changedOrders = orders.stream().filter(Order::changed).toList();
        return saveLines(tx, changedLines).chain(() -> saveOrders(tx, changedOrders));
    }

    private static Uni<Void> saveLines(Tx tx, List<OrderLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.execute(
                        """
                update order_lines l set quantity_allocated = v.allocated, quantity_backordered = v.backordered,
                    quantity_cancelled = v.cancelled, quantity_shipped = v.shipped
                from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[])
                    as v(id, allocated, backordered, cancelled, shipped)
                where l.id = v.id""",
                        lines.stream().map(OrderLine::id).toArray(UUID[]::new),
                        lines.stream().map(l -> l.quantities().allocated()).toArray(Integer[]::new),
                        lines.stream().map(l -> l.quantities().backordered()).toArray(Integer[]::new),
                        lines.stream().map(l -> l.quantities().cancelled()).toArray(Integer[]::new),
                        lines.stream().map(l -> l.quantities().shipped()).toArray(Integer[]::new))
                .replaceWithVoid();
    }

    /** The update of changed orders, from a relation {@code v} of their new values. */
    private static final String UPDATE_ORDERS_FROM = """
            update orders o set status = v.status, subtotal = v.subtotal, total = v.total,
                refunded_total = v.refunded_total, payment_reference = v.payment_reference,
                updated_at = v.updated_at, stuck_since = v.stuck_since, stuck_reason = v.stuck_reason,
                version = o.version + 1
            from %s as v(id, status, subtotal, total, refunded_total, payment_reference, updated_at, stuck_since,
                         stuck_reason)
            where o.id = v.id""";

    /**
     * One order's update, the common case (a payment, a routing, a cancellation). Its values are bound one by one, so
     * PostgreSQL keeps its plan instead of planning it at each execution as it does a list's (PlannedEachTime).
     */
    private static final String UPDATE_ORDER = UPDATE_ORDERS_FROM.formatted("""
            (values ($1::uuid, $2::text, $3::numeric, $4::numeric, $5::numeric, $6::text, $7::timestamptz,
                     $8::timestamptz, $9::text))""");

    private static final String UPDATE_ORDERS = UPDATE_ORDERS_FROM.formatted("""
            unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[],
                   $7::timestamptz[], $8::timestamptz[], $9::text[])""");

    /**
     * Writes a changed order (not its lines) as {@link #save} does and returns it as {@link OrderQueries} reads it,
     * from the update itself: a command that answers with the order it changed does not read it back.
     */
    public Uni<OrderSnapshot> saveReturning(Tx tx, Order order) {
        if (!order.changed()) {
            throw new IllegalStateException("order " + order.id() + " has not changed");
        }
        return tx.one(UPDATE_ORDER + "\nreturning " + OrderQueries.COLUMNS, OrderQueries::toOrder, values(order));
    }

    private static Uni<Void> saveOrders(Tx tx, List<Order> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (orders.size() == 1) {
            return tx.execute(UPDATE_ORDER, values(orders.get(0))).replaceWithVoid();
        }
        // A column per value, each an array with a row per order.
        List<Object[]> rows = orders.stream().map(OrderStore::values).toList();
        Object[] columns = {
            column(rows, 0, UUID[]::new),
            column(rows, 1, String[]::new),
            column(rows, 2, BigDecimal[]::new),
            column(rows, 3, BigDecimal[]::new),
            column(rows, 4, BigDecimal[]::new),
            column(rows, 5, String[]::new),
            column(rows, 6, OffsetDateTime[]::new),
            column(rows, 7, OffsetDateTime[]::new),
            column(rows, 8, String[]::new)
        };
        return tx.execute(UPDATE_ORDERS, columns).replaceWithVoid();
    }

    /** An order's values in the order of {@link #UPDATE_ORDERS_FROM}'s relation. */
    private static Object[] values(Order o) {
        return new Object[] {
            o.id(),
            o.status().name(),
            o.subtotal(),
            o.total(),
            o.refundedTotal(),
            o.paymentReference(),
            o.updatedAt(),
            o.stuckSince(),
            o.stuckReason() == null ? null : o.stuckReason().name()
        };
    }

    private static <T> T[] column(List<Object[]> rows, int index, java.util.function.IntFunction<T[]> array) {
        T[] column = array.apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            @SuppressWarnings("unchecked")
            T value = (T) rows.get(i)[index];
            column[i] = value;
        }
        return column;
    }

    private static Order toOrder(Row row) {
        String stuck = row.getString("stuck_reason");
        return new Order(
                row.getUUID("id"),
                row.getLong("number"),
                row.getString("customer_id"),
                row.getString("email"),
                row.getString("currency"),
                SplitPolicy.valueOf(row.getString("split_policy")),
                row.getString("ship_country"),
                row.getDouble("ship_latitude"),
                row.getDouble("ship_longitude"),
                OrderStatus.valueOf(row.getString("status")),
                row.getBigDecimal("subtotal"),
                row.getBigDecimal("total"),
                row.getBigDecimal("refunded_total"),
                row.getString("payment_reference"),
                Rows.utc(row, "updated_at"),
                Rows.utc(row, "stuck_since"),
                stuck == null ? null : StuckReason.valueOf(stuck),
                row.getLong("version"));
    }
}

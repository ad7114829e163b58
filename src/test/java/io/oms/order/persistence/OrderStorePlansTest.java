package io.oms.order.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Tx;
import io.oms.order.domain.LineQuantities;
import io.oms.order.domain.OrderLine;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The routing's reads and writes of orders and their lines (every routing, every cancellation) go through their keys
 * however much the table grew since the session first ran them, with the service's own session settings
 * ({@link GrowingTable}).
 */
@QuarkusTest
class OrderStorePlansTest {
    /** 50,000 lines of other orders. */
    private static final String MORE_LINES = """
            insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
            select gen_random_uuid(), gen_random_uuid(), 1, 'SKU-PLAN-' || i, 1, 1 from generate_series(1, 50000) i""";

    @Inject
    Lanes lanes;

    @Inject
    OrderStore orders;

    /**
     * A session that kept the plan it made while the table was a page long read every line of the table at each
     * save: 6,746 sequential scans of 10,600 lines each in one load run.
     */
    @Test
    void linesAreSavedThroughTheirIds() {
        UUID line = UUID.randomUUID();
        AtomicInteger allocated = new AtomicInteger();
        try (GrowingTable lines = GrowingTable.copyOf(lanes, "order_lines", oneLine(line, UUID.randomUUID()))) {
            long scans = lines.sequentialScansAfterGrowth(
                    tx -> {
                        OrderLine changed =
                                new OrderLine(line, 1, "SKU-PLAN", BigDecimal.ONE, LineQuantities.ordered(1000));
                        int units = allocated.incrementAndGet();
                        changed.change(q -> new LineQuantities(q.ordered(), units, 0, 0, 0));
                        return orders.saveAll(tx, List.of(), List.of(changed));
                    },
                    MORE_LINES);
            assertEquals(0, scans, "the save read the whole table of 50,001 lines to find one");
            int saved = lines.in(tx ->
                    tx.one("select quantity_allocated from order_lines where id = $1", row -> row.getInteger(0), line));
            assertEquals(allocated.get(), saved);
        }
    }

    @Test
    void anOrdersLinesAreReadThroughItsId() {
        UUID order = UUID.randomUUID();
        long scans = GrowingTable.sequentialScansAfterGrowth(
                lanes,
                "order_lines",
                oneLine(UUID.randomUUID(), order),
                tx -> orders.linesOf(tx, List.of(order)),
                MORE_LINES);
        assertEquals(0, scans, "an order's lines were found by reading all 50,001");
    }

    @Test
    void ordersAreLockedThroughTheirIds() {
        UUID order = UUID.randomUUID();
        assertEquals(
                0,
                scansOfOrders(order, tx -> orders.lockAll(tx, List.of(order))),
                "an order was found by reading all 50,001");
    }

    @Test
    void anOrderIsLockedThroughItsId() {
        UUID order = UUID.randomUUID();
        assertEquals(0, scansOfOrders(order, tx -> orders.lock(tx, order)), "an order was found by reading all 50,001");
    }

    /** The sequential scans of a read run on {@code order} and 50,000 other orders (GrowingTable). */
    private long scansOfOrders(UUID order, Function<Tx, Uni<?>> read) {
        return GrowingTable.sequentialScansAfterGrowth(
                lanes, "orders", orders("'" + order + "'", 1, 1), read, orders("gen_random_uuid()", 2, 50_000));
    }

    @Test
    void anOrderIsSavedThroughItsId() {
        assertOrdersSavedThroughTheirIds(1);
    }

    @Test
    void ordersAreSavedThroughTheirIds() {
        assertOrdersSavedThroughTheirIds(2);
    }

    /** Locks the orders, changes them and saves them, as a routing of that many orders does. */
    private void assertOrdersSavedThroughTheirIds(int count) {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<UUID> ids = count == 1 ? List.of(first) : List.of(first, second);
        try (GrowingTable table = GrowingTable.copyOf(
                lanes, "orders", orders("'" + first + "'", 1, 1), orders("'" + second + "'", 2, 1))) {
            long scans = table.sequentialScansAfterGrowth(
                    tx -> orders.lockAll(tx, ids).chain(locked -> {
                        locked.forEach(order -> order.touch(OffsetDateTime.now()));
                        return orders.saveAll(tx, locked, List.of());
                    }),
                    orders("gen_random_uuid()", 3, 50_000));
            assertEquals(0, scans, count + " orders were found by reading all 50,002");
            long saved = table.in(tx -> tx.one(
                    "select count(*) from orders where id = any($1) and version = 11", row -> row.getLong(0), (Object)
                            ids.toArray(UUID[]::new)));
            assertEquals(count, saved, "saved at each of the 11 runs");
        }
    }

    /** Orders numbered from {@code first} (a unique column of the copy). */
    private static String orders(String id, int first, int count) {
        return """
                insert into orders (id, number, customer_id, currency, status, split_policy, ship_name, ship_line1,
                                    ship_city, ship_postal_code, ship_country, subtotal, total, placed_at, updated_at)
                select %s, i + %d, 'customer-plan', 'USD', 'PAID', 'SHIP_AVAILABLE', 'A', 'B', 'C', 'D', 'US', 1, 1, now(), now()
                from generate_series(1, %d) i""".formatted(id, first - 1, count);
    }

    private static String oneLine(UUID line, UUID order) {
        return """
                insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
                values ('%s', '%s', 1, 'SKU-PLAN', 1000, 1)""".formatted(line, order);
    }
}

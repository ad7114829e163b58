package io.oms.backorder.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Tx;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The routing's reads of an order's open backorders (every routing) go through the order's id however much the
 * table grew since the session first ran them, with the service's own session settings ({@link GrowingTable}).
 */
@QuarkusTest
class BackorderStorePlansTest {
    /** 50,000 open backorders of other orders: what a status index without the order would read. */
    private static final String MORE_BACKORDERS = """
            insert into backorders (id, order_id, order_line_id, sku, quantity, status, created_at, updated_at)
            select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'SKU-PLAN-' || (i % 500), 1, 'OPEN',
                   now() - make_interval(secs => i), now()
            from generate_series(1, 50000) i""";

    @Inject
    Lanes lanes;

    @Inject
    BackorderStore backorders;

    @Test
    void anOrdersOpenBackordersAreReadThroughItsId() {
        UUID order = UUID.randomUUID();
        assertEquals(
                0,
                scansAfterGrowth(order, tx -> backorders.openOfOrders(tx, List.of(order))),
                "an order's open backorder was found by reading all 50,001");
    }

    @Test
    void severalOrdersOpenBackordersAreReadThroughTheirIds() {
        UUID order = UUID.randomUUID();
        assertEquals(
                0,
                scansAfterGrowth(order, tx -> backorders.openOfOrders(tx, List.of(order, UUID.randomUUID()))),
                "two orders' open backorders were found by reading all 50,001");
    }

    @Test
    void anOrdersQueuedBackordersAreReadThroughItsId() {
        UUID order = UUID.randomUUID();
        assertEquals(
                0,
                scansAfterGrowth(order, tx -> backorders.queuedOfOrders(tx, List.of(order))),
                "an order's queued backorder was found by reading all 50,001");
    }

    /** The sequential scans of a read run on the backorders of {@code order} and 50,000 others (GrowingTable). */
    private long scansAfterGrowth(UUID order, Function<Tx, Uni<?>> read) {
        return GrowingTable.sequentialScansAfterGrowth(lanes, "backorders", oneBackorder(order), read, MORE_BACKORDERS);
    }

    private static String oneBackorder(UUID order) {
        return """
                insert into backorders (id, order_id, order_line_id, sku, quantity, status, created_at, updated_at)
                values (gen_random_uuid(), '%s', gen_random_uuid(), 'SKU-PLAN', 1, 'OPEN', now(), now())""".formatted(order);
    }
}

package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When stock becomes available, the oldest eligible open backorders get it before any newer order: not only
 * when the fill is quick, but also when a newer order is routed between the stock's arrival and the fill.
 */
@QuarkusTest
class FirstInFirstOutApiTest {

    private static long allocated(String orderId) {
        return Db.count(
                "select coalesce(sum(quantity_allocated), 0) from order_lines where order_id = ?",
                UUID.fromString(orderId));
    }

    private static void awaitAllocated(String orderId, long units) {
        awaitAllocated(orderId, units, 15_000);
    }

    private static void awaitAllocated(String orderId, long units, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (allocated(orderId) < units && System.currentTimeMillis() < deadline) {
            Routing.pause(50);
        }
    }

    /** Counts the waits for a lock of {@code holder} that ended without it (lock time-outs), up to {@code wanted}. */
    private static int lockWaitsGivenUp(Connection holder, int wanted, long millis) throws java.sql.SQLException {
        long pid;
        try (var statement = holder.createStatement();
                var rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            pid = rows.getLong(1);
        }
        int givenUp = 0;
        boolean waiting = false;
        long deadline = System.currentTimeMillis() + millis;
        while (givenUp < wanted && System.currentTimeMillis() < deadline) {
            boolean waitingNow =
                    Db.count("select count(*) from pg_stat_activity where ?::int = any(pg_blocking_pids(pid))", pid)
                            > 0;
            if (waiting && !waitingNow) {
                givenUp++;
            }
            waiting = waitingNow;
            Routing.pause(10);
        }
        return givenUp;
    }

    @Test
    void aNewOrderRoutedWhileAReceiptIsBeingFilledDoesNotTakeTheWaitingBackordersUnits() throws Exception {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("FIFO"), "WAREHOUSE", 10, 40.73, -74.17);
        String waiting = Routing.paidOrder(null, sku, 2);
        Routing.awaitRouted(waiting, 15_000);
        CompletableFuture<JsonPath> receipt;
        try (Connection holder = Db.connect()) {
            // The fill of the waiting order has to wait for this lock on its row: a newer order gets routed first.
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select * from orders where id = ? for update")) {
                lock.setObject(1, UUID.fromString(waiting));
                lock.executeQuery();
            }
            receipt =
                    CompletableFuture.supplyAsync(() -> call(Tokens.admin(), """
                    mutation($loc: ID!, $sku: String!) { receiveStock(locationId: $loc, sku: $sku, quantity: 2) {
                      inventoryLevel { onHand } } }""", Map.of("loc", location, "sku", sku)));
            long deadline = System.currentTimeMillis() + 10_000;
            while (Db.count("select coalesce(sum(on_hand), 0) from inventory_levels where sku = ?", sku) < 2
                    && System.currentTimeMillis() < deadline) {
                Routing.pause(20);
            }
            String newer = Routing.paidOrder(null, sku, 2);
            JsonPath newerRouted = Routing.awaitRouted(newer, 15_000);
            assertEquals(
                    List.of(0),
                    newerRouted.getList("data.order.lines.quantityAllocated"),
                    "the newer order waits: the units belong to the older backorder");
            // The older order stays locked while the fill, with the newer order now queued behind it, waits for
            // it and gives up twice more (as a batch, then on its own: 0.5 s each in the test profile). A fill that
            // gives up on it must not hand its units to the newer order.
            int givenUp = lockWaitsGivenUp(holder, 2, 10_000);
            awaitAllocated(newer, 2, 1_000);
            assertEquals(0L, allocated(newer), "the fill skipped the locked older order and served the newer one");
            assertEquals(2, givenUp, "the fill went on trying the locked older order");
            holder.rollback();
        }
        JsonPath received = receipt.get(30, TimeUnit.SECONDS);
        assertNull(errorCode(received), received::prettify);
        awaitAllocated(waiting, 2);
        assertEquals(2L, allocated(waiting));
    }

    @Test
    void stockReleasedByACancellationGoesToTheOldestWaitingBackorderAtOnce() {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("REL"), "WAREHOUSE", 10, 40.73, -74.17), sku, 1);
        String holding = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(holding, 15_000);
        String waiting = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(waiting, 15_000);
        assertEquals(0L, allocated(waiting));

        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "no longer wanted") { status } }""", Map.of("id", holding));
        assertNull(errorCode(cancelled), cancelled::prettify);
        String newer = Routing.paidOrder(null, sku, 1);
        JsonPath newerRouted = Routing.awaitRouted(newer, 15_000);
        awaitAllocated(waiting, 1);
        assertEquals(1L, allocated(waiting), "the released unit went to the order that waited");
        assertEquals(List.of(0), newerRouted.getList("data.order.lines.quantityAllocated"));
    }
}

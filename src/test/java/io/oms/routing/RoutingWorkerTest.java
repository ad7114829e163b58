package io.oms.routing;

import static io.oms.support.Routing.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.oms.routing.app.RoutingWorker;
import io.oms.routing.persistence.RoutingJobs;
import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoutingWorkerTest {

    @Inject
    RoutingWorker worker;

    @Inject
    io.oms.routing.app.RoutingJobRunner runner;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    /**
     * A real failure: another transaction holds the stock row, so routing hits its lock timeout. The job is
     * retried with backoff; after the last counted attempt (three in the test profile) the order is flagged
     * UNROUTED once, and the worker keeps retrying at the capped backoff: once the row is free it routes the
     * order by itself and clears the flag.
     */
    @Test
    void aJobThatKeepsFailingIsFlaggedUnroutedAndKeepsBeingRetriedUntilItIsRouted() throws Exception {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("LOCKED"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 5);
        String id;
        UUID orderId;
        try (Connection blocker = Db.connect()) {
            blocker.setAutoCommit(false);
            try (var lock = blocker.prepareStatement("select * from inventory_levels where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery();
            }
            id = Routing.paidOrder(null, sku, 1);
            orderId = UUID.fromString(id);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && Db.count("select count(*) from routing_jobs where order_id = ? and attempts >= 4", orderId)
                            == 0) {
                Routing.pause(100);
            }
            List<List<Object>> job =
                    Db.query("select status, attempts, last_error from routing_jobs where order_id = ?", orderId);
            assertEquals("PENDING", job.get(0).get(0), "never given up");
            assertTrue(((Number) job.get(0).get(1)).intValue() >= 4, "retried past the attempts that flag it");
            assertTrue(((String) job.get(0).get(2)).contains("lock"), (String)
                    job.get(0).get(2));
            JsonPath flagged = Routing.read(id);
            assertEquals("PAID", flagged.getString("data.order.status"));
            assertEquals("UNROUTED", flagged.getString("data.order.stuckReason"));
            assertEquals(0L, Stock.reserved(sku), "a failed attempt leaves nothing reserved");
            blocker.rollback();
        }
        JsonPath routed = Routing.awaitRouted(id, 15_000);
        assertEquals("AWAITING_FULFILLMENT", routed.getString("data.order.status"));
        assertNull(routed.getString("data.order.stuckReason"));
        assertEquals(1L, Stock.reserved(sku));
        assertEquals(
                1L,
                Db.count("select count(*) from order_events where order_id = ? and type = 'ROUTING_FAILED'", orderId),
                "flagged once, not on every retry");
        assertEquals(
                1L,
                Db.count("select count(*) from notifications where order_id = ? and kind = 'ORDER_STUCK'", orderId),
                "operations hear of it once");
    }

    /**
     * Two workers can fail the same job at once: a routing that fails rolls back its claim with it, so another
     * worker may claim the job before the first has recorded its failure, and both hold the same count of earlier
     * attempts (seen in CI: attempts logged 1, 1, 2, 4, and the order never flagged). The flag follows the count the
     * database holds after each failure, not the count a worker read when it claimed the job.
     */
    @Test
    void failuresRecordedFromTheSameClaimedCountStillFlagTheOrderOnce() throws Exception {
        UUID orderId = UUID.fromString(io.oms.support.Orders.placed(io.oms.support.Orders.newCustomer()));
        // A job no worker picks up on its own (not due), one failure short of the flag after the next two.
        Db.execute(
                "insert into routing_jobs (order_id, status, attempts, next_attempt_at, last_error, created_at,"
                        + " updated_at) values (?, 'PENDING', 1, now() + interval '1 day', 'earlier', now(), now())",
                orderId);
        RoutingJobs.Job claimedByBoth = new RoutingJobs.Job(orderId, 1, java.time.OffsetDateTime.now(), null);
        runner.recordFailure(claimedByBoth, new IllegalStateException("lock timeout"))
                .await()
                .indefinitely();
        runner.recordFailure(claimedByBoth, new IllegalStateException("lock timeout"))
                .await()
                .indefinitely();
        assertEquals(3L, Db.count("select attempts from routing_jobs where order_id = ?", orderId));
        assertEquals(
                "UNROUTED",
                Db.query("select stuck_reason from orders where id = ?", orderId)
                        .get(0)
                        .get(0),
                "three failures recorded, and the order is not flagged");
        runner.recordFailure(claimedByBoth, new IllegalStateException("lock timeout"))
                .await()
                .indefinitely();
        assertEquals(
                1L,
                Db.count("select count(*) from order_events where order_id = ? and type = 'ROUTING_FAILED'", orderId),
                "flagged once, not on every failure after the flag");
    }

    /**
     * A routing writes its plan and reserves the first SKU, then finds the second taken while it waited (here:
     * written off by another transaction holding the row). It must undo the attempt (the first reservation, the
     * fulfillment order, the event), re-plan from a fresh snapshot, and end with exactly what it could get.
     */
    @Test
    void aLostReservationRaceUndoesTheAttemptAndReplans() throws Exception {
        String first = "AAA-" + Stock.sku();
        String second = "ZZZ-" + Stock.sku();
        String location = Stock.location(Stock.uniqueCode("RACE"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, first, 1);
        Stock.put(location, second, 1);
        String id;
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select * from inventory_levels where sku = ? for update")) {
                lock.setString(1, second);
                lock.executeQuery();
            }
            id = Routing.paidOrder(null, first, 1, second, 1);
            // Wait until the routing (having reserved the first SKU) waits for the second one's row, then take
            // that unit away; the routing's conditional update then finds nothing left.
            Db.awaitLockWait("reserved = reserved +");
            try (var writeOff =
                    other.prepareStatement("update inventory_levels set on_hand = on_hand - 1 where sku = ?")) {
                writeOff.setString(1, second);
                writeOff.executeUpdate();
            }
            other.commit();
        }
        JsonPath order = Routing.awaitRouted(id, 15_000);
        assertEquals(List.of(1, 0), order.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of(0, 1), order.getList("data.order.lines.quantityBackordered"));
        assertEquals(1L, Stock.reserved(first));
        assertEquals(0L, Stock.reserved(second));
        assertEquals(
                1L,
                Db.count("select count(*) from inventory_movements where sku = ? and reserved_delta <> 0", first),
                "the undone attempt's reservation left no ledger row; the second attempt's is the only one");
        assertEquals(
                1L, Db.count("select coalesce(sum(reserved_delta), 0) from inventory_movements where sku = ?", first));
        assertEquals(
                1L,
                Db.count("select count(*) from fulfillment_orders where order_id = ?::uuid", id),
                "one fulfillment order: the undone attempt's is gone");
        assertEquals(
                1L,
                Db.count("select count(*) from order_events where order_id = ?::uuid and type = 'ORDER_ROUTED'", id));
        assertEquals(
                List.of(List.of(1, 2)),
                Db.query(
                        "select (details->>'routingPass')::int, (details->>'attempts')::int from order_events"
                                + " where order_id = ?::uuid and type = 'ORDER_ROUTED'",
                        id),
                "the first pass, routed on its second attempt");
    }

    /**
     * Each paid order's notification asks for one job, so a burst of payments costs no take that finds nothing. A
     * worker that went on after its job while others were due took jobs whose notification had come already; that
     * notification's own take then found none: a transaction for nothing, 0.34 per routed order at 32 clients
     * (docs/BENCHMARKS.md, twelfth session). A notification's take may still find nothing when the poller took its
     * job first, so each job the poller's drains took allows one.
     */
    @Test
    void aBurstOfPaymentsAsksForNoJobThatIsNotThere() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("BURST"), "WAREHOUSE", 10, 40.73, -74.17), sku, 200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(Routing.unpaidOrder(null, sku, 1));
        }
        double emptyBefore = takes("notification", "none");
        double drainedBefore = takes("drain", "job");
        ExecutorService payers = Executors.newFixedThreadPool(8);
        List<Future<?>> payments = new ArrayList<>();
        for (String id : ids) {
            payments.add(payers.submit(() -> Routing.pay(id)));
        }
        for (Future<?> payment : payments) {
            payment.get(60, TimeUnit.SECONDS);
        }
        payers.shutdown();
        for (String id : ids) {
            Routing.awaitRouted(id, 15_000);
        }
        // Takes still under way once the last order is routed are counted when they end: wait for the counts to
        // stay the same for half a second.
        double all = allTakes();
        for (int unchanged = 0; unchanged < 5; ) {
            Routing.pause(100);
            double now = allTakes();
            unchanged = now == all ? unchanged + 1 : 0;
            all = now;
        }
        double empty = takes("notification", "none") - emptyBefore;
        double drained = takes("drain", "job") - drainedBefore;
        assertTrue(
                empty <= drained,
                "60 payments made " + empty + " notification takes that found no job, the poller took " + drained);
        assertEquals(60L, Stock.reserved(sku));
    }

    /**
     * A notification's take gets the oldest due job, and that may be a retry, which no notification announces: the
     * notification is then still owed a take, for the job it announced, instead of leaving that job to the poller.
     */
    @Test
    void aNotificationWhoseTakeGotARetryTakesAgainForItsOwnJob() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("RETRY"), "WAREHOUSE", 10, 40.73, -74.17), sku, 5);
        UUID retry = UUID.fromString(Routing.unpaidOrder(null, sku, 1));
        UUID announced = UUID.fromString(Routing.unpaidOrder(null, sku, 1));
        Routing.paidWithoutNotice(retry, false);
        Routing.paidWithoutNotice(announced, false);
        // Both due at once, the retry first in line (a failed attempt before, due a minute ago).
        Db.execute(
                "update routing_jobs set attempts = case when order_id = ? then 1 else 0 end,"
                        + " next_attempt_at = now() - case when order_id = ? then interval '1 minute' else interval '0'"
                        + " end where order_id in (?, ?)",
                retry,
                retry,
                retry,
                announced);
        Routing.notified(worker, announced.toString());
        assertEquals(
                List.of(List.of("AWAITING_FULFILLMENT")),
                Db.query("select status from orders where id = ?", announced),
                "the announced order is routed by the time its notification is answered");
        Routing.awaitNoPendingJob(retry.toString());
        assertEquals(2L, Stock.reserved(sku));
    }

    private double takes(String askedBy, String found) {
        return registry.get("oms.routing.takes")
                .tag("asked_by", askedBy)
                .tag("found", found)
                .counter()
                .count();
    }

    private double allTakes() {
        return registry.get("oms.routing.takes").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void manyWorkersDrainingTogetherNeverRouteAnOrderTwice() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("W"), "WAREHOUSE", 10, 40.73, -74.17), sku, 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(Routing.paidOrder(null, sku, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> drains = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            drains.add(pool.submit(() -> drain(worker)));
        }
        for (Future<Integer> drain : drains) {
            drain.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (String id : ids) {
            Routing.awaitRouted(id, 15_000);
        }
        assertEquals(30L, Stock.reserved(sku));
        assertEquals(30L, Db.count("""
                select count(*) from order_events e join order_lines l on l.order_id = e.order_id
                where l.sku = ? and e.type = 'ORDER_ROUTED'""", sku));
        assertEquals(30L, Db.count("""
                select count(*) from fulfillment_orders f join order_lines l on l.order_id = f.order_id
                where l.sku = ?""", sku));
    }

    /**
     * Routing has an event loop and connections of its own: a paid order is routed while every event loop that
     * serves requests is busy (here: blocked until the order is routed, or for at most a minute). On the shared loops
     * each of a routing's round trips waited behind the requests queued there, and under an open-loop load the
     * routing fell to a few orders a second while thousands waited (docs/BENCHMARKS.md, "Sixth session").
     */
    @Test
    void routingGoesOnWhileEveryRequestEventLoopIsBusy() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("LANE"), "WAREHOUSE", 10, 40.73, -74.17), sku, 5);
        String id = Routing.unpaidOrder(null, sku, 1);
        UUID orderId = UUID.fromString(id);
        // Paid, with a job that no worker takes before the loops are busy (not due for a day).
        Routing.paidWithoutNotice(orderId, false);
        EventLoopGroup requestLoops = ((VertxInternal) vertx).getEventLoopGroup();
        CountDownLatch busy = new CountDownLatch(1);
        List<CountDownLatch> blocked = new ArrayList<>();
        for (EventExecutor loop : requestLoops) {
            CountDownLatch started = new CountDownLatch(1);
            blocked.add(started);
            loop.execute(() -> {
                started.countDown();
                try {
                    busy.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            for (CountDownLatch started : blocked) {
                assertTrue(started.await(10, TimeUnit.SECONDS), "every request loop busy");
            }
            Db.execute("update routing_jobs set next_attempt_at = now() where order_id = ?", orderId);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            worker.drain().subscribe().with(taken -> {}, failed::set);
            long deadline = System.currentTimeMillis() + 30_000;
            while (Db.count("select count(*) from orders where id = ? and status = 'PAID'", orderId) > 0
                    && System.currentTimeMillis() < deadline) {
                Routing.pause(50);
            }
            assertEquals(
                    List.of(List.of("AWAITING_FULFILLMENT")),
                    Db.query("select status from orders where id = ?", orderId),
                    "routed while no request loop could run anything (drain failed with " + failed.get() + ")");
            assertEquals(1L, Stock.reserved(sku));
        } finally {
            busy.countDown();
        }
    }
}

package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once, results checked in the database. */
@QuarkusTest
class ConcurrencyApiTest {
    private static final int CLIENTS = 12;

    @Test
    void racingPlaceOrdersWithOneKeyGiveOneOrder() throws Exception {
        String customer = Orders.newCustomer();
        String token = Tokens.customer(customer);
        Map<String, Object> input = Orders.input();
        List<JsonPath> responses = concurrently(CLIENTS, () -> Orders.place(token, input));
        Set<String> ids = new HashSet<>();
        for (JsonPath response : responses) {
            assertEquals(null, errorCode(response), () -> response.prettify());
            ids.add(response.getString("data.placeOrder.id"));
        }
        assertEquals(1, ids.size(), "every racer got the same order");
        assertEquals(1L, Db.count("select count(*) from orders where customer_id = ?", customer));
        assertEquals(
                2L,
                Db.count(
                        "select count(*) from order_lines l join orders o on o.id = l.order_id "
                                + "where o.customer_id = ?",
                        customer));
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from order_events e join orders o on o.id = e.order_id "
                                + "where o.customer_id = ?",
                        customer));
    }

    @Test
    void racingTransitionsOfOneOrderApplyOnceAndTheOthersConflictOrAreRefused() throws Exception {
        String id = Orders.placed(Orders.newCustomer());
        List<JsonPath> responses = concurrently(CLIENTS, () -> call(Tokens.payments(), """
                mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "same") { status } }""", Map.of("id", id)));
        // Successful calls read the order back after commit: PAID, or already routed by the worker.
        long paid = responses.stream()
                .filter(r -> r.getString("data.confirmPayment.status") != null)
                .count();
        assertTrue(paid >= 1);
        for (JsonPath response : responses) {
            String code = errorCode(response);
            assertTrue(code == null || code.equals("CONFLICT"), () -> response.prettify());
        }
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from order_events where order_id = ? and type = 'PAYMENT_CONFIRMED'",
                        UUID.fromString(id)));
        assertEquals(1L, Db.count("select count(*) from routing_jobs where order_id = ?", UUID.fromString(id)));
    }

    @Test
    void racingDifferentTransitionsLeaveExactlyOneWinner() throws Exception {
        String id = Orders.placed(Orders.newCustomer());
        List<String> targets = List.of("PAID", "CANCELLED", "PAYMENT_PROCESSING");
        List<JsonPath> responses = concurrently(CLIENTS, new Callable<>() {
            private int next;

            @Override
            public synchronized JsonPath call() {
                String to = targets.get(next++ % targets.size());
                return io.oms.support.GraphQL.call(Tokens.admin(), """
                        mutation($id: ID!, $to: OrderStatus!) {
                          transitionOrder(orderId: $id, to: $to, paymentReference: "race") { status } }""", Map.of("id", id, "to", to));
            }
        });
        for (JsonPath response : responses) {
            String code = errorCode(response);
            assertTrue(
                    code == null || code.equals("CONFLICT") || code.equals("INVALID_TRANSITION"),
                    () -> response.prettify());
        }
        // Every committed change (a transition, or the routing a PAID winner triggers) is one status event and one
        // version (a cancellation also records what it cancelled, in an event that changes no status); the last
        // status event is the status.
        Routing.awaitNoPendingJob(id);
        long changes = Db.count(
                "select count(*) from order_events where order_id = ? and type <> 'ORDER_PLACED'"
                        + " and to_status is not null",
                UUID.fromString(id));
        assertEquals(changes, Db.count("select version from orders where id = ?", UUID.fromString(id)));
        assertTrue(changes >= 1);
        Object status = Db.query("select status from orders where id = ?", UUID.fromString(id))
                .get(0)
                .get(0);
        Object lastEvent = Db.query(
                        "select to_status from order_events where order_id = ? and to_status is not null"
                                + " order by id desc limit 1",
                        UUID.fromString(id))
                .get(0)
                .get(0);
        assertEquals(status, lastEvent);
    }

    @Test
    void concurrentAdjustmentsOfOneLevelAllApplyAndEachIsInTheLedger() throws Exception {
        String code = "CONC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String locationId = call(Tokens.admin(), """
                mutation($code: String!) { upsertLocation(input: {code: $code, name: "c", type: WAREHOUSE, countries: ["US"]}) { id } }""", Map.of("code", code)).getString("data.upsertLocation.id");
        List<JsonPath> responses = concurrently(CLIENTS, () -> call(Tokens.admin(), """
                mutation($loc: ID!) { adjustInventory(locationId: $loc, sku: "CONC-SKU", delta: 5, reason: "receipt") { onHand } }""", Map.of("loc", locationId)));
        responses.forEach(r -> assertEquals(null, errorCode(r), () -> r.prettify()));
        UUID location = UUID.fromString(locationId);
        assertEquals(
                5L * CLIENTS,
                Db.count("select on_hand from inventory_levels where location_id = ? and sku = 'CONC-SKU'", location));
        assertEquals(
                (long) CLIENTS, Db.count("select count(*) from inventory_movements where location_id = ?", location));
        assertEquals(
                5L * CLIENTS,
                Db.count("select max(on_hand_after) from inventory_movements where location_id = ?", location));
    }

    static List<JsonPath> concurrently(int clients, Callable<JsonPath> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<JsonPath> results = new ArrayList<>();
            for (Future<JsonPath> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

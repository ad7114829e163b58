package io.oms.support;

import static io.oms.support.GraphQL.call;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Places and pays orders through the API and waits for the routing worker, as a storefront would. */
public final class Routing {
    public static final String READ = """
            query($id: ID!) {
              order(id: $id) {
                id status stuckReason
                lines { sku quantity quantityAllocated quantityBackordered }
                fulfillmentOrders { id status routingPass estimatedDeliveryAt location { id code } lines { sku quantity } }
                backorders { sku quantity status expectedAt }
                events { type actor details }
              }
            }""";

    private Routing() {}

    /** A paid order of the given (sku, quantity) pairs shipping to Boston; returns its id. */
    public static String paidOrder(String splitPolicy, Object... skuAndQuantity) {
        String id = unpaidOrder(splitPolicy, skuAndQuantity);
        pay(id);
        return id;
    }

    /** An order placed as {@link #paidOrder} places it, not paid yet. */
    public static String unpaidOrder(String splitPolicy, Object... skuAndQuantity) {
        String customer = Orders.newCustomer();
        Map<String, Object> input = Orders.input();
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.add(Orders.line((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1], "10.00"));
        }
        input.put("lines", lines);
        if (splitPolicy != null) {
            input.put("splitPolicy", splitPolicy);
        }
        Map<String, Object> address = Orders.address();
        address.put("latitude", 42.36);
        address.put("longitude", -71.06);
        input.put("shippingAddress", address);
        return Orders.place(Tokens.customer(customer), input).getString("data.placeOrder.id");
    }

    /**
     * Marks the order paid and queues its routing job in SQL, as a job no notification announced (due after a
     * restart, a retry): due now, or in a day so that no worker takes it before the test makes it due.
     */
    public static void paidWithoutNotice(java.util.UUID orderId, boolean dueNow) throws java.sql.SQLException {
        Db.execute("update orders set status = 'PAID' where id = ?", orderId);
        Db.execute(
                "insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " values (?, 'PENDING', 0, now() + case when ? then interval '0' else interval '1 day' end,"
                        + " now(), now())",
                orderId,
                dueNow);
    }

    public static void pay(String orderId) {
        JsonPath paid = call(Tokens.payments(), """
                mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "psp") { status } }""", Map.of("id", orderId));
        // The order is read back after the commit, by which time the routing worker may already have moved it on.
        String status = paid.getString("data.confirmPayment.status");
        if (status == null || status.equals("PENDING") || status.equals("PAYMENT_PROCESSING")) {
            throw new AssertionError(paid.prettify());
        }
    }

    /** Reads the order until the worker has routed it (or the timeout passes). */
    public static JsonPath awaitRouted(String orderId, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        JsonPath order;
        do {
            order = read(orderId);
            if (!"PAID".equals(order.getString("data.order.status"))) {
                return order;
            }
            pause(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(
                "order " + orderId + " was not routed in " + timeoutMillis + " ms: " + order.prettify());
    }

    /** Waits until the order has no routing job left to run (it may have none). */
    public static void awaitNoPendingJob(String orderId) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count(
                        "select count(*) from routing_jobs where order_id = ? and status = 'PENDING'",
                        java.util.UUID.fromString(orderId))
                > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("routing job of " + orderId + " still pending");
            }
            pause(50);
        }
    }

    public static JsonPath read(String orderId) {
        return call(Tokens.admin(), READ, new HashMap<>(Map.of("id", orderId)));
    }

    /** Runs a worker's drain the way the service does: on a Vert.x context, here from a test thread. */
    public static int drain(io.oms.routing.app.RoutingWorker worker) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(worker::drain);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the worker a job's notification as the listener does, on a Vert.x context; returns the jobs taken. */
    public static int notified(io.oms.routing.app.RoutingWorker worker, String orderId) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> worker.notified(orderId));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waiting for an asynchronous worker is what this helper is for; no test asserts a timing. */
    public static void pause(long millis) {
        try {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

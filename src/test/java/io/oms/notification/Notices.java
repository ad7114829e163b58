package io.oms.notification;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** What the outbox holds for a test's orders, read with plain JDBC, and orders that produce notices. */
final class Notices {
    private Notices() {}

    /** A paid order for {@code email} of one unit of a SKU nobody has: routing writes a BACKORDER_CREATED notice. */
    static String backorderedOrder(String email, String sku) {
        String id = placed(email, sku, 1);
        Routing.pay(id);
        return id;
    }

    /** An unpaid order for {@code email} of {@code quantity} units of {@code sku}. */
    static String placed(String email, String sku, int quantity) {
        Map<String, Object> input = Orders.input();
        input.put("email", email);
        input.put("lines", List.of(Orders.line(sku, quantity, "10.00")));
        String id = Orders.place(Tokens.customer(Orders.newCustomer()), input).getString("data.placeOrder.id");
        if (id == null) {
            throw new AssertionError("placeOrder failed for " + email);
        }
        return id;
    }

    /** The summary status of the order's only notice of {@code kind}; NONE while it is not written yet. */
    static String status(String orderId, String kind) {
        List<List<Object>> rows = Db.query(
                "select status from notifications where order_id = ? and kind = ?", UUID.fromString(orderId), kind);
        return rows.isEmpty() ? "NONE" : (String) rows.get(0).get(0);
    }

    /** The status of one channel of the order's only notice of {@code kind}. */
    static List<Object> channel(String orderId, String kind, String channel) {
        return Db.query("""
                        select d.status, d.attempts, d.last_error, d.skip_reason
                        from notification_deliveries d join notifications n on n.id = d.notification_id
                        where n.order_id = ? and n.kind = ? and d.channel = ?""", UUID.fromString(orderId), kind, channel).get(0);
    }

    static String noticeId(String orderId, String kind) {
        return Db.query(
                        "select id::text from notifications where order_id = ? and kind = ?",
                        UUID.fromString(orderId),
                        kind)
                .get(0)
                .get(0)
                .toString();
    }

    /** Waits (for an asynchronous dispatcher) until {@code done}, or fails after {@code millis}. */
    static void await(String what, long millis, BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Routing.pause(100);
        }
    }
}

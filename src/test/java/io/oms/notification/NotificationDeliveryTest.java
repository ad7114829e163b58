package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.oms.support.Db;
import io.oms.support.FakeSmtpServer;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The outbox delivered to a real HTTP receiver (the test profile points the webhook at it): one that fails
 * twice before accepting, with the signature checked on every call, and one that never accepts; mail goes
 * to a small SMTP server run by the test.
 */
@QuarkusTest
class NotificationDeliveryTest {
    private static final String SECRET = "change-me";

    @Test
    void aWebhookThatFailsTwiceGetsTheSignedNoticeOnTheThirdTryAndOneThatNeverAcceptsEndsDead() throws Exception {
        // The receivers listen before any notice exists: a first attempt against a closed port would count too.
        AtomicReference<String> flakyId = new AtomicReference<>();
        AtomicReference<String> brokenId = new AtomicReference<>();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<String> badSignatures = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 18089), 0);
        server.createContext("/hooks/oms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst(Dispatcher.SIGNATURE_HEADER);
            if (!("sha256=" + Dispatcher.sign(body, SECRET)).equals(signature)) {
                badSignatures.add(body);
            }
            String orderId = new JsonObject(body).getString("orderId");
            int call = calls.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
            boolean accept = orderId.equals(flakyId.get()) ? call > 2 : !orderId.equals(brokenId.get());
            exchange.sendResponseHeaders(accept ? 204 : 503, -1);
            exchange.close();
        });
        server.start();
        FakeSmtpServer smtp = new FakeSmtpServer(12525);
        String flaky;
        String broken;
        try {
            // Placed first and paid once the receiver knows them: the notices are written when routing runs.
            flaky = Routing.unpaidOrder(null, Stock.sku(), 1);
            broken = Routing.unpaidOrder(null, Stock.sku(), 1);
            flakyId.set(flaky);
            brokenId.set(broken);
            Routing.pay(flaky);
            Routing.pay(broken);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && (status(flaky).equals("PENDING") || status(broken).equals("PENDING"))) {
                Routing.pause(100);
            }
        } finally {
            server.stop(0);
            smtp.close();
        }
        assertEquals("SENT", status(flaky));
        assertEquals(3, calls.get(flaky).get(), "two failures, then accepted");
        assertEquals(3L, Db.count("select attempts from notifications where order_id = ?", UUID.fromString(flaky)));
        assertEquals("DEAD", status(broken));
        assertEquals(6, calls.get(broken).get(), "every attempt was made before giving up");
        assertTrue(
                ((String) Db.query("select last_error from notifications where order_id = ?", UUID.fromString(broken))
                                .get(0)
                                .get(0))
                        .contains("503"));
        assertEquals(List.of(), badSignatures);
        assertTrue(
                smtp.received().stream()
                        .anyMatch(mail -> mail.recipients().contains("alice@example.com")
                                && mail.data().contains("Subject: Part of your order is on backorder")
                                && mail.data().contains(flaky)),
                "the customer was mailed the notice over SMTP");
    }

    private static String status(String orderId) {
        return (String) Db.query(
                        "select status from notifications where order_id = ? and kind = 'BACKORDER_CREATED'",
                        UUID.fromString(orderId))
                .get(0)
                .get(0);
    }
}

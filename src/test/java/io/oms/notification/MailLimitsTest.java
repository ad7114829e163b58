package io.oms.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.notification.WebhookReceiver.Answer;
import io.oms.support.Db;
import io.oms.support.FakeSmtpServer;
import io.oms.support.GraphQL;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Mail that must not go: the cancellation of an order nobody paid for, and whatever exceeds the per-order limit
 * (someone who typed another person's address and cancels one unit at a time). The webhook still gets every
 * notice; what is not mailed is SKIPPED with its reason and counted.
 */
@QuarkusTest
class MailLimitsTest {
    private static final String SKIPPED = "oms_notifications_skipped_total{channel=\"MAIL\",reason=\"%s\"}";

    @Test
    void theCancellationOfAnUnpaidOrderIsNotMailed() throws Exception {
        String email = "unpaid-" + UUID.randomUUID() + "@example.com";
        try (WebhookReceiver receiver = new WebhookReceiver((notice, call) -> Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            double before = metric(SKIPPED.formatted("NOT_WANTED"));
            String order = Notices.placed(email, Stock.sku(), 2);
            JsonPath cancelled = GraphQL.call(Tokens.admin(), """
                    mutation($id: ID!) { cancelOrder(orderId: $id, reason: "changed my mind") { status } }""", Map.of("id", order));
            assertNull(GraphQL.errorCode(cancelled), cancelled.prettify());
            Notices.await(
                    "the notice is done",
                    30_000,
                    () -> Notices.status(order, "LINES_CANCELLED").matches("SENT|SKIPPED|DEAD"));
            assertEquals("SENT", Notices.status(order, "LINES_CANCELLED"), "the webhook got it");
            assertEquals(1, receiver.ofOrder(order).size());
            List<Object> mail = Notices.channel(order, "LINES_CANCELLED", "MAIL");
            assertEquals("SKIPPED", mail.get(0));
            assertTrue(String.valueOf(mail.get(3)).contains("not paid"), mail.toString());
            assertEquals(List.of(), smtp.to(email));
            assertEquals(1.0, metric(SKIPPED.formatted("NOT_WANTED")) - before);
        }
    }

    @Test
    void noMoreMailsPerOrderThanTheLimitHoweverManyNoticesItHas() throws Exception {
        int limit = ConfigProvider.getConfig().getValue("oms.notifications.mail-limit", Integer.class);
        int cancellations = limit + 4;
        String email = "victim-" + UUID.randomUUID() + "@example.com";
        try (WebhookReceiver receiver = new WebhookReceiver((notice, call) -> Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            double before = metric(SKIPPED.formatted("RATE_LIMITED"));
            Map<String, Object> input = Orders.input();
            input.put("email", email);
            input.put("lines", List.of(Orders.line(Stock.sku(), cancellations + 1, "10.00")));
            JsonPath placed = Orders.place(Tokens.customer(Orders.newCustomer()), input);
            String order = placed.getString("data.placeOrder.id");
            String line = placed.getString("data.placeOrder.lines[0].id");
            Routing.pay(order);
            Routing.awaitRouted(order, 15_000); // nothing in stock: one BACKORDER_CREATED notice
            for (int i = 0; i < cancellations; i++) {
                JsonPath cancelled =
                        GraphQL.call(Tokens.admin(), """
                        mutation($id: ID!, $line: ID!) {
                          cancelOrderLines(orderId: $id, lines: [{orderLineId: $line, quantity: 1}], reason: "one more") { id }
                        }""", new HashMap<>(Map.of("id", order, "line", line)));
                assertNull(GraphQL.errorCode(cancelled), cancelled.prettify());
            }
            int notices = cancellations + 1;
            Notices.await(
                    "every notice is done",
                    60_000,
                    () -> Db.count(
                                    "select count(*) from notifications where order_id = ? and status <> 'PENDING'",
                                    UUID.fromString(order))
                            == notices);
            assertEquals(notices, receiver.ofOrder(order).size(), "the webhook gets every notice");
            assertEquals(limit, smtp.to(email).size(), "no more mails than the limit");
            assertEquals(notices - limit, Db.count("""
                            select count(*) from notification_deliveries d join notifications n on n.id = d.notification_id
                            where n.order_id = ? and d.channel = 'MAIL' and d.status = 'SKIPPED'
                              and d.skip_reason like '%limit%'""", UUID.fromString(order)));
            assertEquals(notices - limit, metric(SKIPPED.formatted("RATE_LIMITED")) - before);
        }
    }

    /** A sample of /q/metrics, which is on the management interface (its test port), not the public one. */
    static double metric(String sample) {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
        String text = given().when()
                .get("http://localhost:" + port + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String row : text.split("\n")) {
            if (row.startsWith(sample + " ")) {
                // The value, without the exemplar that may follow it ("# {span_id=..,trace_id=..} ...").
                return Double.parseDouble(row.substring(sample.length() + 1).split(" ")[0]);
            }
        }
        return 0;
    }
}

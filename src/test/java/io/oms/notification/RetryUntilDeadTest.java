package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.notification.WebhookReceiver.Answer;
import io.oms.support.Db;
import io.oms.support.FakeSmtpServer;
import io.oms.support.GraphQL;
import io.oms.support.MovableClock;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that is down for more than a day: the webhook is retried with capped backoff for at least 24 hours
 * (the service's clock is moved, not waited for), only then DEAD, and an admin's redelivery sends the same message
 * once the receiver is back.
 */
@QuarkusTest
class RetryUntilDeadTest {

    @AfterEach
    void resetClock() {
        MovableClock.reset();
    }

    @Test
    void aReceiverDownForADayIsRetriedAllDayThenDeadAndAnAdminRedeliversTheSameMessage() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        String email = "down-" + UUID.randomUUID() + "@example.com";
        String order;
        try (WebhookReceiver receiver =
                        new WebhookReceiver((notice, call) -> down.get() ? Answer.status(503) : Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            order = Notices.backorderedOrder(email, Stock.sku());
            Notices.await(
                    "three failed attempts",
                    30_000,
                    () -> receiver.ofOrder(order).size() >= 3);
            assertEquals("PENDING", Notices.status(order, "BACKORDER_CREATED"));

            MovableClock.advance(Duration.ofHours(23));
            int before = receiver.ofOrder(order).size();
            Notices.await(
                    "three more attempts, 23 hours later",
                    30_000,
                    () -> receiver.ofOrder(order).size() >= before + 3);
            assertEquals("PENDING", Notices.status(order, "BACKORDER_CREATED"), "not given up before 24 hours");
            java.time.Instant next = ((java.sql.Timestamp)
                            Db.query("""
                            select d.next_attempt_at from notification_deliveries d
                            join notifications n on n.id = d.notification_id
                            where n.order_id = ? and d.channel = 'WEBHOOK'""", UUID.fromString(order)).get(0).get(0))
                    .toInstant();
            assertTrue(
                    Duration.between(MovableClock.now(), next).compareTo(Duration.ofMinutes(15)) <= 0,
                    "the backoff is capped at 15 minutes: next attempt " + next);

            MovableClock.advance(Duration.ofHours(1).plusMinutes(1));
            Notices.await(
                    "the webhook is DEAD after 24 hours",
                    30_000,
                    () -> Notices.status(order, "BACKORDER_CREATED").equals("DEAD"));
            List<Object> webhook = Notices.channel(order, "BACKORDER_CREATED", "WEBHOOK");
            assertEquals("DEAD", webhook.get(0));
            assertTrue(((String) webhook.get(2)).contains("503"), "the last error is kept: " + webhook);
            assertEquals(
                    "SENT", Notices.channel(order, "BACKORDER_CREATED", "MAIL").get(0), "mail went on its own");

            String noticeId = Notices.noticeId(order, "BACKORDER_CREATED");
            JsonPath dead = GraphQL.call(Tokens.admin(), """
                    query($order: ID!) {
                      notifications(filter: {orderId: $order, status: DEAD}) {
                        totalCount edges { node { id kind status deliveries { channel status attempts lastError } } }
                      }
                    }""", Map.of("order", order));
            assertNull(GraphQL.errorCode(dead), dead.prettify());
            assertEquals(List.of(noticeId), dead.getList("data.notifications.edges.node.id"));

            down.set(false);
            int attemptsWhileDown = receiver.ofOrder(order).size();
            JsonPath redelivered = GraphQL.call(Tokens.admin(), """
                    mutation($id: ID!) { redeliverNotification(id: $id) { id status } }""", Map.of("id", noticeId));
            assertNull(GraphQL.errorCode(redelivered), redelivered.prettify());
            assertEquals("PENDING", redelivered.getString("data.redeliverNotification.status"));
            Notices.await(
                    "the redelivered notice is SENT",
                    30_000,
                    () -> Notices.status(order, "BACKORDER_CREATED").equals("SENT"));
            assertEquals(attemptsWhileDown + 1, receiver.ofOrder(order).size(), "redelivered once");
            assertEquals(
                    Set.of(noticeId),
                    receiver.ofOrder(order).stream()
                            .map(WebhookReceiver.Received::id)
                            .collect(Collectors.toSet()),
                    "the same webhook-id all along");
            assertEquals(1, smtp.to(email).size(), "the mail was not sent again by the webhook's redelivery");
        }
    }
}

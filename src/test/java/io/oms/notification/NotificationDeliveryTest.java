package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.notification.WebhookReceiver.Answer;
import io.oms.support.FakeSmtpServer;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The outbox delivered to a real HTTP receiver (the test profile points the webhook at it) and to a small SMTP
 * server run by the test. Webhooks are checked the way a receiver would check them, with a verifier written from
 * the Standard Webhooks specification; each channel is retried on its own.
 */
@QuarkusTest
class NotificationDeliveryTest {

    @Test
    void aWebhookThatFailsTwiceGetsTheSameSignedMessageThreeTimesWhileTheMailGoesOnce() throws Exception {
        String email = "flaky-" + UUID.randomUUID() + "@example.com";
        String sku = Stock.sku();
        List<String> secrets = List.of(ConfigProvider.getConfig()
                .getValue("oms.notifications.webhook-secret", String.class)
                .split("[ ,]+"));
        assertEquals(2, secrets.size(), "the test profile signs with two secrets, as during a rotation");
        String order;
        try (WebhookReceiver receiver =
                        new WebhookReceiver((notice, call) -> call <= 2 ? Answer.status(503) : Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            order = Notices.backorderedOrder(email, sku);
            Notices.await(
                    "the notice is delivered",
                    30_000,
                    () -> Notices.status(order, "BACKORDER_CREATED").equals("SENT"));

            List<WebhookReceiver.Received> calls = receiver.ofOrder(order);
            assertEquals(3, calls.size(), "two failures, then accepted");
            String noticeId = Notices.noticeId(order, "BACKORDER_CREATED");
            assertEquals(
                    Set.of(noticeId),
                    calls.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet()),
                    "webhook-id is the notice's id on every retry, so the receiver can drop duplicates");
            for (WebhookReceiver.Received call : calls) {
                assertNull(call.legacySignature(), "the private X-OMS-Signature header is gone");
                assertEquals(2, call.signature().split(" ").length, "one v1 signature per current secret");
                for (String secret : secrets) {
                    assertNull(SpecWebhookVerifier.problem(
                            secret,
                            call.id(),
                            call.timestamp(),
                            call.signature(),
                            call.body(),
                            call.receivedAtMillis() / 1000));
                }
                assertTrue(
                        SpecWebhookVerifier.problem(
                                        secrets.get(0),
                                        call.id(),
                                        call.timestamp(),
                                        call.signature(),
                                        call.body().replace("BACKORDER_CREATED", "LINES_CANCELLED"),
                                        call.receivedAtMillis() / 1000)
                                != null,
                        "a changed body does not verify");
            }

            List<FakeSmtpServer.Received> mails = smtp.to(email);
            assertEquals(1, mails.size(), "the mail went once although the webhook was retried");
            String mail = mails.get(0).data();
            assertTrue(mail.contains("text/plain") && mail.contains("text/html"), mail);
            assertTrue(mail.contains(sku), "the mail names what is on backorder: " + mail);
            assertTrue(mail.toLowerCase().contains("wait") && mail.toLowerCase().contains("cancel"), mail);
            assertFalse(mail.contains("\"payload\""), "a person reads the mail, not the JSON envelope: " + mail);
            assertEquals(
                    List.of("SENT", 3),
                    Notices.channel(order, "BACKORDER_CREATED", "WEBHOOK").subList(0, 2));
            assertEquals(
                    List.of("SENT", 1),
                    Notices.channel(order, "BACKORDER_CREATED", "MAIL").subList(0, 2));
        }
    }

    @Test
    void aMailServerThatRefusesTwiceGetsTheMailOnTheThirdTryAndTheWebhookIsPostedOnce() throws Exception {
        String email = "greylisted-" + UUID.randomUUID() + "@example.com";
        String order;
        try (WebhookReceiver receiver = new WebhookReceiver((notice, call) -> Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
            smtp.refuse(recipient -> recipient.equals(email) && refusals.incrementAndGet() <= 2);
            order = Notices.backorderedOrder(email, Stock.sku());
            Notices.await(
                    "the notice is delivered",
                    30_000,
                    () -> Notices.status(order, "BACKORDER_CREATED").equals("SENT"));
            assertEquals(1, receiver.ofOrder(order).size(), "a failed mail never posts the webhook again");
            assertEquals(1, smtp.to(email).size());
            assertEquals(3, refusals.get());
            assertEquals(
                    List.of("SENT", 3),
                    Notices.channel(order, "BACKORDER_CREATED", "MAIL").subList(0, 2));
        }
    }
}

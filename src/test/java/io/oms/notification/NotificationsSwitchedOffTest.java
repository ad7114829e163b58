package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.notification.WebhookReceiver.Answer;
import io.oms.support.FakeSmtpServer;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Notifications explicitly switched off (as the shipped ConfigMap does until an operator configures a channel):
 * nothing is delivered, so nothing is SENT; each channel is SKIPPED, visible and counted.
 */
@QuarkusTest
@TestProfile(NotificationsSwitchedOffTest.Off.class)
class NotificationsSwitchedOffTest {
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oms.notifications.enabled", "false");
        }
    }

    @Test
    void aNoticeIsSkippedOnEveryChannelAndCountedNeverSent() throws Exception {
        String email = "off-" + UUID.randomUUID() + "@example.com";
        try (WebhookReceiver receiver = new WebhookReceiver((notice, call) -> Answer.OK);
                FakeSmtpServer smtp = new FakeSmtpServer(12525)) {
            String metric = "oms_notifications_skipped_total{channel=\"%s\",reason=\"SWITCHED_OFF\"}";
            double webhooksBefore = MailLimitsTest.metric(metric.formatted("WEBHOOK"));
            double mailsBefore = MailLimitsTest.metric(metric.formatted("MAIL"));
            String order = Notices.backorderedOrder(email, Stock.sku());
            Notices.await(
                    "the notice is done",
                    30_000,
                    () -> Notices.status(order, "BACKORDER_CREATED").matches("SENT|SKIPPED|DEAD"));
            assertEquals("SKIPPED", Notices.status(order, "BACKORDER_CREATED"));
            assertEquals(
                    "SKIPPED",
                    Notices.channel(order, "BACKORDER_CREATED", "WEBHOOK").get(0));
            assertEquals(
                    "SKIPPED",
                    Notices.channel(order, "BACKORDER_CREATED", "MAIL").get(0));
            assertEquals(List.of(), receiver.ofOrder(order));
            assertEquals(List.of(), smtp.to(email));
            // At least: notices that earlier tests left pending are skipped by this dispatcher as well.
            assertTrue(MailLimitsTest.metric(metric.formatted("WEBHOOK")) - webhooksBefore >= 1);
            assertTrue(MailLimitsTest.metric(metric.formatted("MAIL")) - mailsBefore >= 1);
        }
    }
}

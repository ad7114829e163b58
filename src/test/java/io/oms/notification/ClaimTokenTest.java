package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every status write names the claim it was made under. A dispatcher whose lease ran out (and whose delivery
 * another dispatcher claimed and sent since) writes nothing: its late failure never turns SENT back, its late
 * success never counts twice. Claims are set up with plain SQL on a notice nobody else will take (due in a day).
 */
@QuarkusTest
class ClaimTokenTest {
    @Inject
    Delivery delivery;

    @Test
    void aLateWriteUnderALostClaimChangesNothing() throws Exception {
        UUID id = notice();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // The first dispatcher's lease ran out; the second one claimed the delivery after it.
        Db.execute(
                "update notification_deliveries set claim_token = ? where notification_id = ? and channel = 'WEBHOOK'",
                second,
                id);
        Delivery.Claimed late = claimed(id, first, now);
        Delivery.Claimed current = claimed(id, second, now);

        assertTrue(delivery.sent(current, now).await().atMost(Duration.ofSeconds(10)));
        assertFalse(delivery.failed(late, "timed out", now.plusSeconds(5), now)
                .await()
                .atMost(Duration.ofSeconds(10)));
        assertFalse(delivery.sent(late, now).await().atMost(Duration.ofSeconds(10)));
        assertFalse(delivery.release(late, now).await().atMost(Duration.ofSeconds(10)));
        assertEquals(
                List.of("SENT", 1),
                Db.query(
                                "select status, attempts from notification_deliveries where notification_id = ? and channel = 'WEBHOOK'",
                                id)
                        .get(0));
        assertEquals(
                "PENDING",
                Db.query("select status from notifications where id = ?", id)
                        .get(0)
                        .get(0),
                "the mail channel is still to do");

        Db.execute(
                "update notification_deliveries set claim_token = ? where notification_id = ? and channel = 'MAIL'",
                second,
                id);
        assertTrue(delivery.skipped(claimed(id, second, now, Channel.MAIL), "the notice has no recipient", now)
                .await()
                .atMost(Duration.ofSeconds(10)));
        assertEquals(
                "SENT",
                Db.query("select status from notifications where id = ?", id)
                        .get(0)
                        .get(0));
    }

    /**
     * Skips of many notices in one statement (the dispatcher's batch): each notice's summary follows its own two
     * channels, a skip under a lost claim writes nothing, and a notice with a channel still to do stays PENDING.
     */
    @Test
    void oneStatementOfSkipsSummarisesEachNoticeItChanged() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID token = UUID.randomUUID();
        UUID bothSkipped = notice();
        UUID webhookSent = notice();
        UUID mailStillDue = notice();
        UUID lostClaim = notice();
        Db.execute(
                "update notification_deliveries set claim_token = ? where notification_id in (?, ?, ?, ?)",
                token,
                bothSkipped,
                webhookSent,
                mailStillDue,
                lostClaim);
        assertTrue(delivery.sent(claimed(webhookSent, token, now), now).await().atMost(Duration.ofSeconds(10)));
        Db.execute(
                "update notification_deliveries set claim_token = ? where notification_id = ?",
                UUID.randomUUID(),
                lostClaim);

        List<Delivery.Claimed> written = delivery.skippedAll(
                        List.of(
                                new Delivery.Skip(claimed(bothSkipped, token, now, Channel.WEBHOOK), "no webhook URL"),
                                new Delivery.Skip(claimed(bothSkipped, token, now, Channel.MAIL), "no mail server"),
                                new Delivery.Skip(claimed(webhookSent, token, now, Channel.MAIL), "no recipient"),
                                new Delivery.Skip(claimed(mailStillDue, token, now, Channel.WEBHOOK), "no webhook URL"),
                                new Delivery.Skip(claimed(lostClaim, token, now, Channel.WEBHOOK), "no webhook URL")),
                        now)
                .await()
                .atMost(Duration.ofSeconds(10));

        assertEquals(4, written.size(), "all but the skip under a lost claim");
        assertEquals("SKIPPED", status(bothSkipped));
        assertEquals("SENT", status(webhookSent));
        assertEquals("PENDING", status(mailStillDue));
        assertEquals("PENDING", status(lostClaim));
        assertEquals(
                List.of(List.of("MAIL", "SKIPPED", "no mail server"), List.of("WEBHOOK", "SKIPPED", "no webhook URL")),
                Db.query(
                        "select channel, status, skip_reason from notification_deliveries where notification_id = ?"
                                + " order by channel",
                        bothSkipped));
    }

    /** A stuck-order notice due in a day, so no dispatcher of the test service takes it. */
    private static UUID notice() throws Exception {
        UUID id = UUID.randomUUID();
        Db.execute("""
                insert into notifications (id, kind, order_id, recipient, payload, status, attempts, next_attempt_at,
                                           created_at)
                values (?, 'ORDER_STUCK', null, null, '{"orderNumber": 1}'::jsonb, 'PENDING', 0,
                        now() + interval '1 day', now())""", id);
        return id;
    }

    private static String status(UUID id) {
        return (String) Db.query("select status from notifications where id = ?", id)
                .get(0)
                .get(0);
    }

    private static Delivery.Claimed claimed(UUID id, UUID token, OffsetDateTime now) {
        return claimed(id, token, now, Channel.WEBHOOK);
    }

    private static Delivery.Claimed claimed(UUID id, UUID token, OffsetDateTime now, Channel channel) {
        return new Delivery.Claimed(
                id, channel, token, now.plusMinutes(2), 0, now, "ORDER_STUCK", null, null, "{}", now, null, false);
    }
}

package io.oms.routing;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.MovableClock;
import io.oms.support.Orders;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routingQueue against the routing_jobs rows: a job waiting for its retry, a job due (held by a transaction of this
 * test, so the workers, which skip locked jobs, leave it due) and a job given up. The workers run meanwhile, so
 * the answer is compared with the database's own figures read at the same clock just before and just after it.
 */
@QuarkusTest
class RoutingQueueApiTest {
    private static final String QUEUE = "{ routingQueue { depth due retrying oldestDueSince failed } }";

    private final List<UUID> jobs = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        MovableClock.reset();
        for (UUID orderId : jobs) {
            Db.execute("delete from routing_jobs where order_id = ?", orderId);
        }
    }

    @Test
    void theQueueCountsWaitingDueRetryingAndFailedJobsAndSinceWhenTheOldestIsDue() throws Exception {
        // Whole milliseconds: PostgreSQL rounds a time to microseconds, which could put it after the one given here.
        Instant retryAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(1));
        UUID retrying = job("PENDING", 2, retryAt);
        UUID failed = job("FAILED", 3, Instant.now());
        UUID held = job("PENDING", 0, retryAt.plus(Duration.ofHours(1)));

        JsonPath before = queue();
        assertEquals(expected(MovableClock.now()), figures(before), before.prettify());
        assertTrue(before.getInt("data.routingQueue.retrying") >= 1, before.prettify());
        assertTrue(before.getInt("data.routingQueue.failed") >= 1, before.prettify());

        try (Connection holder = Db.connect()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from routing_jobs where order_id = ? for update")) {
                lock.setObject(1, held);
                lock.executeQuery();
            }
            // Two days on, both PENDING jobs are due: the workers take the one they can lock, not the held one.
            MovableClock.advance(Duration.ofDays(2));
            awaitWorkersOn(retrying);
            JsonPath due = queue();
            List<Object> figures = figures(due);
            assertEquals(expected(MovableClock.now()), figures, due.prettify());
            assertTrue(due.getInt("data.routingQueue.due") >= 1, "the held job is due: " + due.prettify());
            Instant oldest = Instant.parse(due.getString("data.routingQueue.oldestDueSince"));
            assertFalse(
                    oldest.isAfter(retryAt.plus(Duration.ofHours(1))), "the held job is due since: " + due.prettify());
            holder.rollback();
        }
        assertEquals(1, Db.count("select count(*) from routing_jobs where order_id = ? and status = 'FAILED'", failed));
    }

    @Test
    void onlyAdminsReadTheQueue() {
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer(Orders.newCustomer()), QUEUE)));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("ANY"), QUEUE)));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, QUEUE)));
    }

    /** A routing job row for a new (unpaid) order, as the worker leaves one. */
    private UUID job(String status, int attempts, Instant nextAttemptAt) throws Exception {
        UUID orderId = UUID.fromString(Orders.placed(Orders.newCustomer()));
        Db.execute(
                "insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, now(), now())",
                orderId,
                status,
                attempts,
                Timestamp.from(nextAttemptAt));
        jobs.add(orderId);
        return orderId;
    }

    /** Until the workers have taken the job (they finish it, or record a failed attempt and retry it later). */
    private static void awaitWorkersOn(UUID orderId) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count(
                        "select count(*) from routing_jobs where order_id = ? and status = 'PENDING' and attempts = 2",
                        orderId)
                > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the workers never took the due job");
            io.oms.support.Routing.pause(100);
        }
    }

    /** routingQueue, once the database's own figures are the same just before and just after it. */
    private static JsonPath queue() {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Object> before = expected(MovableClock.now());
            JsonPath answer = call(Tokens.admin(), QUEUE);
            assertNull(errorCode(answer), answer.prettify());
            if (before.equals(expected(MovableClock.now()))) {
                return answer;
            }
            io.oms.support.Routing.pause(200);
        }
        throw new AssertionError("the queue never stood still");
    }

    private static List<Object> figures(JsonPath answer) {
        String oldest = answer.getString("data.routingQueue.oldestDueSince");
        return List.of(
                answer.getInt("data.routingQueue.depth"),
                answer.getInt("data.routingQueue.due"),
                answer.getInt("data.routingQueue.retrying"),
                oldest == null ? "none" : Instant.parse(oldest).toEpochMilli(),
                answer.getInt("data.routingQueue.failed"));
    }

    /** The same figures, counted in the database with plain SQL at the given clock. */
    private static List<Object> expected(Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object> row = Db.query("""
                        select count(*) filter (where status = 'PENDING'),
                               count(*) filter (where status = 'PENDING' and next_attempt_at <= ?),
                               count(*) filter (where status = 'PENDING' and attempts > 0),
                               min(next_attempt_at) filter (where status = 'PENDING' and next_attempt_at <= ?),
                               count(*) filter (where status = 'FAILED')
                        from routing_jobs""", at, at).get(0);
        Object oldest = row.get(3) == null ? "none" : ((Timestamp) row.get(3)).getTime();
        return List.of(
                ((Number) row.get(0)).intValue(),
                ((Number) row.get(1)).intValue(),
                ((Number) row.get(2)).intValue(),
                oldest,
                ((Number) row.get(4)).intValue());
    }
}

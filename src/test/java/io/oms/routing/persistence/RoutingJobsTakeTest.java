package io.oms.routing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.infra.sql.Lanes;
import io.oms.routing.persistence.RoutingJobs.Taken;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker takes the oldest due job, marked done in the same statement, and learns whether another is due, on a
 * session's own copy of the jobs table (out of the running workers' reach, {@link GrowingTable}).
 */
@QuarkusTest
class RoutingJobsTakeTest {
    private static final UUID OLDER = UUID.fromString("00000000-0000-4000-8000-00000000a001");
    private static final UUID NEWER = UUID.fromString("00000000-0000-4000-8000-00000000a002");
    private static final UUID LATER = UUID.fromString("00000000-0000-4000-8000-00000000a003");

    @Inject
    Lanes lanes;

    @Inject
    RoutingJobs jobs;

    @Test
    void theOldestDueJobIsTakenDoneAndCountsTheOthersDue() {
        try (GrowingTable table = GrowingTable.copyOf(lanes, "routing_jobs", queue())) {
            Taken first = table.in(tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9));
            Taken second = table.in(tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9));
            Taken none = table.in(tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9));

            assertEquals(OLDER, first.job().orderId());
            assertEquals(1, first.othersDue(), "the newer job was due too");
            assertEquals(NEWER, second.job().orderId());
            assertEquals(0, second.othersDue(), "the job due tomorrow is not due");
            assertNull(none);
            assertEquals("DONE DONE PENDING", statuses(table));
        }
    }

    @Test
    void aJobTakenInATransactionThatFailsStaysPending() {
        try (GrowingTable table = GrowingTable.copyOf(lanes, "routing_jobs", queue())) {
            assertThrows(
                    IllegalStateException.class,
                    () -> table.in(tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9)
                            .chain(taken -> Uni.createFrom().failure(new IllegalStateException("routing failed")))));

            assertEquals("PENDING PENDING PENDING", statuses(table));
            assertEquals(
                    OLDER,
                    table.in(tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9))
                            .job()
                            .orderId());
        }
    }

    private static String queue() {
        return """
                insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)
                values ('%s', 'PENDING', 0, now() - interval '2 minutes', now(), now()),
                       ('%s', 'PENDING', 0, now() - interval '1 minute', now(), now()),
                       ('%s', 'PENDING', 0, now() + interval '1 day', now(), now())""".formatted(OLDER, NEWER, LATER);
    }

    private static String statuses(GrowingTable table) {
        return table.in(tx ->
                tx.one("select string_agg(status, ' ' order by order_id) from routing_jobs", row -> row.getString(0)));
    }
}

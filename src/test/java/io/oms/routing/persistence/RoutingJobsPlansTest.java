package io.oms.routing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * A worker's claim of the next due job (every routing) goes through the index of pending jobs however many jobs
 * are done since the session first claimed one, with the service's own session settings ({@link GrowingTable}).
 */
@QuarkusTest
class RoutingJobsPlansTest {
    @Inject
    Lanes lanes;

    @Inject
    RoutingJobs jobs;

    @Test
    void theNextJobIsClaimedThroughThePendingOnes() {
        // One due job for each run: each run takes one.
        try (GrowingTable table = GrowingTable.copyOf(lanes, "routing_jobs", jobs("PENDING", 12))) {
            long scans = table.sequentialScansAfterGrowth(
                    tx -> jobs.takeNext(tx, OffsetDateTime.now(), 9), jobs("DONE", 50_000));
            assertEquals(0, scans, "the next job was found by reading all 50,001");
        }
    }

    private static String jobs(String status, int count) {
        return """
                insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)
                select gen_random_uuid(), '%s', 0, now() - interval '1 minute', now(), now()
                from generate_series(1, %d)""".formatted(status, count);
    }
}

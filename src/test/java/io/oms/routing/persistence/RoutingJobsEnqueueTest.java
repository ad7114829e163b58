package io.oms.routing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.support.Db;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A paid order's job is queued once and announced every time it is asked for, in the one statement
 * {@link RoutingJobs#enqueue} sends; on a session's own copy of the jobs table ({@link GrowingTable}), so that the
 * running workers, woken by the announcements, find nothing of it.
 */
@QuarkusTest
class RoutingJobsEnqueueTest {
    private static final UUID ORDER = UUID.fromString("00000000-0000-4000-8000-00000000e001");

    @Inject
    Lanes lanes;

    @Inject
    RoutingJobs jobs;

    @Test
    void aJobIsQueuedOnceAndAnnouncedAtEachCommit() throws Exception {
        try (Connection listener = Db.connect();
                GrowingTable table = GrowingTable.copyOf(lanes, "routing_jobs")) {
            listener.createStatement().execute("listen " + RoutingJobs.CHANNEL);
            OffsetDateTime now = OffsetDateTime.now();

            table.in(tx -> jobs.enqueue(tx, ORDER, now, "00-trace-01"));
            table.in(tx -> jobs.enqueue(tx, ORDER, now.plusSeconds(5), null));

            assertEquals(
                    "PENDING 0 00-trace-01",
                    table.in(tx -> tx.one(
                            "select string_agg(status || ' ' || attempts || ' ' || traceparent, ',') from routing_jobs",
                            row -> row.getString(0))),
                    "one job, as the first call queued it");
            assertEquals(2, announcements(listener, ORDER.toString(), 2), "each commit announces the job");
        }
    }

    /** The notifications with this payload, waiting up to 5 s for {@code expected} of them. */
    private static int announcements(Connection listener, String payload, int expected) throws Exception {
        PGConnection pg = listener.unwrap(PGConnection.class);
        List<PGNotification> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < expected && System.nanoTime() < deadline) {
            PGNotification[] batch = pg.getNotifications(200);
            if (batch != null) {
                for (PGNotification n : batch) {
                    if (n.getParameter().equals(payload)) {
                        seen.add(n);
                    }
                }
            }
        }
        return seen.size();
    }
}

package io.oms.routing.persistence;

import io.oms.infra.sql.Rows;
import io.oms.routing.domain.RoutingQueueState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** The read side of the routing job queue, on the pool. */
@ApplicationScoped
public class RoutingJobQueries {
    /**
     * One subquery per figure, so that each reads a partial index (routing_jobs_due_idx for PENDING,
     * routing_jobs_failed_idx for FAILED) and none reads the DONE jobs, one for every order ever routed.
     */
    private static final String STATE = """
            select (select count(*) from routing_jobs where status = 'PENDING')::int as depth,
                   (select count(*) from routing_jobs where status = 'PENDING' and next_attempt_at <= $1)::int as due,
                   (select count(*) from routing_jobs where status = 'PENDING' and attempts > 0)::int as retrying,
                   (select min(next_attempt_at) from routing_jobs
                    where status = 'PENDING' and next_attempt_at <= $1) as oldest_due_since,
                   (select count(*) from routing_jobs where status = 'FAILED')::int as failed""";

    private final Pool pool;

    public RoutingJobQueries(Pool pool) {
        this.pool = pool;
    }

    /** The queue as of {@code now}: what is due is due by then. */
    public Uni<RoutingQueueState> state(OffsetDateTime now) {
        return pool.preparedQuery(STATE).execute(Tuple.of(now)).map(rows -> {
            Row row = rows.iterator().next();
            return new RoutingQueueState(
                    row.getInteger("depth"),
                    row.getInteger("due"),
                    row.getInteger("retrying"),
                    Rows.utc(row, "oldest_due_since"),
                    row.getInteger("failed"));
        });
    }
}

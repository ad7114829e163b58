package io.oms.routing.app;

import io.oms.infra.sql.Tx;
import io.oms.infra.tracing.Tracing;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.Times;
import io.oms.order.app.RoutingQueue;
import io.oms.routing.domain.RoutingQueueState;
import io.oms.routing.persistence.RoutingJobQueries;
import io.oms.routing.persistence.RoutingJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Routing's side of {@link RoutingQueue}: a job row (and a NOTIFY that wakes the workers on commit), which keeps
 * the trace context of the request that queued it, so that the routing continues the payment's trace. Admins read
 * the queue's state here too.
 */
@ApplicationScoped
public class RoutingJobQueue implements RoutingQueue {
    private final RoutingJobs jobs;
    private final RoutingJobQueries queries;
    private final Tracing tracing;
    private final Clock clock;

    public RoutingJobQueue(RoutingJobs jobs, RoutingJobQueries queries, Tracing tracing, Clock clock) {
        this.jobs = jobs;
        this.queries = queries;
        this.tracing = tracing;
        this.clock = clock;
    }

    @Override
    public Uni<Void> enqueue(Tx tx, UUID orderId, OffsetDateTime at) {
        return jobs.enqueue(tx, orderId, at, tracing.traceparent());
    }

    /** How many jobs wait, are due, retry or were given up, and since when the oldest due one waits (admins). */
    public Uni<RoutingQueueState> state(Caller caller) {
        caller.require(Role.ADMIN);
        return queries.state(Times.now(clock));
    }
}

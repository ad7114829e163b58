package io.oms.routing.app;

import io.oms.infra.sql.Tx;
import io.oms.infra.tracing.Tracing;
import io.oms.order.app.RoutingQueue;
import io.oms.routing.persistence.RoutingJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Routing's side of {@link RoutingQueue}: a job row (and a NOTIFY that wakes the workers on commit), which keeps
 * the trace context of the request that queued it, so that the routing continues the payment's trace.
 */
@ApplicationScoped
public class RoutingJobQueue implements RoutingQueue {
    private final RoutingJobs jobs;
    private final Tracing tracing;

    public RoutingJobQueue(RoutingJobs jobs, Tracing tracing) {
        this.jobs = jobs;
        this.tracing = tracing;
    }

    @Override
    public Uni<Void> enqueue(Tx tx, UUID orderId, OffsetDateTime at) {
        return jobs.enqueue(tx, orderId, at, tracing.traceparent());
    }
}

package io.oms.routing.app;

import io.oms.infra.sql.Tx;
import io.oms.order.app.RoutingQueue;
import io.oms.routing.persistence.RoutingJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Routing's side of {@link RoutingQueue}: a job row (and a NOTIFY that wakes the workers on commit). */
@ApplicationScoped
public class RoutingJobQueue implements RoutingQueue {
    private final RoutingJobs jobs;

    public RoutingJobQueue(RoutingJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Uni<Void> enqueue(Tx tx, UUID orderId, OffsetDateTime at) {
        return jobs.enqueue(tx, orderId, at);
    }
}

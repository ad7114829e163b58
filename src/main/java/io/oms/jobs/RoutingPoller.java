package io.oms.jobs;

import io.oms.routing.app.RoutingWorker;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The polling fallback of the routing worker: due retries, and jobs whose notification was missed. */
@ApplicationScoped
public class RoutingPoller {
    private final RoutingWorker worker;

    public RoutingPoller(RoutingWorker worker) {
        this.worker = worker;
    }

    @Scheduled(
            every = "${oms.routing.poll-interval:5s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return worker.drainAll().replaceWithVoid();
    }
}

package io.oms.jobs;

import io.oms.order.app.StuckOrderDetector;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the stuck-order detector on every replica's schedule; the detector's advisory lock lets only one of
 * them do the work at a time, and a run that finds nothing new changes nothing.
 */
@ApplicationScoped
public class StuckOrderJob {
    private final StuckOrderDetector detector;

    public StuckOrderJob(StuckOrderDetector detector) {
        this.detector = detector;
    }

    @Scheduled(
            identity = "stuck-orders",
            every = "${oms.stuck.interval:5m}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> detect() {
        return detector.run().replaceWithVoid();
    }
}

package io.oms.jobs;

import io.oms.routing.app.BackorderFiller;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fills backorders wherever stock became available without a receipt: a cancellation or a move that
 * released a reservation, a count that found more. Receipts and positive adjustments fill at once; this
 * catches the rest within one interval.
 */
@ApplicationScoped
public class BackorderSweeper {
    private final BackorderFiller filler;

    public BackorderSweeper(BackorderFiller filler) {
        this.filler = filler;
    }

    @Scheduled(
            every = "${oms.backorders.sweep-interval:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return filler.sweep();
    }
}

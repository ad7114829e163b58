package io.oms.routing.app;

import io.oms.infra.tracing.Tracing;
import io.oms.kernel.Times;
import io.oms.metrics.OmsMetrics;
import io.oms.metrics.OmsMetrics.TakeAskedBy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains due routing jobs, a bounded number of transactions at a time per replica. Woken by NOTIFY (see
 * {@link RoutingNotifications}) and by the poller in {@code jobs}; across replicas, SKIP LOCKED keeps
 * workers on different jobs, and the order row lock with the PAID check keeps any order from being routed
 * twice. Each job runs on a Vert.x context of its own, on the routing lane's event loop (never behind HTTP requests,
 * see {@link RoutingLane}), in a span that continues the trace of the payment that queued it (see {@link Tracing}).
 */
@ApplicationScoped
public class RoutingWorker {
    private final RoutingJobRunner runner;
    private final RoutingLane lane;
    private final RoutingSettings settings;
    private final OmsMetrics metrics;
    private final Clock clock;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean wokenWhileBusy = new AtomicBoolean();
    private final TakenAhead takenAhead = new TakenAhead(TAKEN_AHEAD_REMEMBERED);

    /** Jobs taken ahead of their notification that are remembered: many times the jobs routed in a second. */
    private static final int TAKEN_AHEAD_REMEMBERED = 4096;

    public RoutingWorker(
            RoutingJobRunner runner, RoutingLane lane, RoutingSettings settings, OmsMetrics metrics, Clock clock) {
        this.runner = runner;
        this.lane = lane;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A job's notification: drains, unless a worker of this replica took that job already on going on after another
     * (see {@link #step}): that take stood in for the one this notification asks for.
     */
    public Uni<Integer> notified(String orderId) {
        return takenAhead.notified(orderId) ? Uni.createFrom().item(0) : drain(TakeAskedBy.NOTIFICATION);
    }

    /** Routes due jobs until none is left (or a batch is done); returns how many were taken. */
    public Uni<Integer> drain() {
        return drain(TakeAskedBy.DRAIN);
    }

    private Uni<Integer> drain(TakeAskedBy askedBy) {
        if (running.incrementAndGet() > settings.workers()) {
            running.decrementAndGet();
            wokenWhileBusy.set(true);
            return Uni.createFrom().item(0);
        }
        AtomicInteger taken = new AtomicInteger();
        return Uni.createFrom()
                .deferred(() -> step(askedBy, taken.get() > 0))
                .repeat()
                .whilst(step ->
                        step != Step.NONE && taken.incrementAndGet() < settings.batchSize() && step == Step.MORE)
                .collect()
                .last()
                .eventually(running::decrementAndGet)
                .chain(() -> wokenWhileBusy.getAndSet(false)
                        ? drain(TakeAskedBy.NOTIFICATION)
                        : Uni.createFrom().item(0))
                .map(more -> taken.get() + more);
    }

    /**
     * Routes due jobs with every free worker, a batch each: the poller's round, which finds retries and the jobs whose
     * notification was missed (a backlog after a restart) without notifications to spread them over the workers. One
     * drain per round took a batch at a time, one job after another: a backlog waited for polls at 50 jobs each.
     */
    public Uni<Integer> drainAll() {
        List<Uni<Integer>> drains = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            drains.add(Uni.createFrom().deferred(() -> drain(TakeAskedBy.DRAIN)));
        }
        return Uni.join()
                .all(drains)
                .andCollectFailures()
                .map(taken -> taken.stream().mapToInt(Integer::intValue).sum());
    }

    /**
     * What one step did: took no job; took the last one due that no other worker of this replica holds (no need to
     * ask again: each job's notification sets a worker to take one after it committed, and the poller finds those
     * whose notification was lost); took one, or failed one, with more due. Jobs that other replicas are routing
     * count as due: at worst one more step that finds nothing.
     */
    private enum Step {
        NONE,
        LAST,
        MORE
    }

    /**
     * One job taken and routed. A drain's first take answers the notification (or the poll) that started it; a job
     * that a later take ({@code goingOn}) gets is remembered, so that its own notification starts no take: each
     * notification is still answered by one take, whichever job that take gets.
     */
    private Uni<Step> step(TakeAskedBy askedBy, boolean goingOn) {
        RoutingJobRunner.Claim claim = goingOn
                ? new RoutingJobRunner.Claim(
                        job -> takenAhead.took(job.orderId().toString()))
                : new RoutingJobRunner.Claim();
        return lane.<Step>onOwnContext(() -> runner.routeNextDueJob(claim)
                .invoke(done -> {
                    metrics.routingTake(askedBy, done != null);
                    // Committed by now: count it. A job whose order was no longer paid created nothing.
                    if (done != null && done.routed().planned()) {
                        metrics.orderRouted(
                                Duration.between(done.job().createdAt(), Times.now(clock)),
                                done.routed().shipments());
                    }
                })
                // The other jobs that were due, less those this replica's other workers hold or are about to take:
                // none left means nobody waits for this worker to ask again.
                .map(done -> done == null ? Step.NONE : done.othersDue() > running.get() - 1 ? Step.MORE : Step.LAST)
                .onFailure()
                .recoverWithUni(error -> {
                    if (claim.job() == null) {
                        return Uni.createFrom().failure(error);
                    }
                    metrics.routingTake(askedBy, true);
                    // The failure is recorded in the job's span, so that its SQL and its warning carry the
                    // trace.
                    claim.failed(error);
                    return runner.recordFailure(claim.job(), error).replaceWith(Step.MORE);
                })
                .onTermination()
                .invoke(claim::end));
    }
}

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes due routing jobs, a bounded number of transactions at a time per replica. Woken by NOTIFY (see
 * {@link RoutingNotifications}), one take per notification, and by the poller in {@code jobs}, whose drains go on
 * through a backlog; across replicas, SKIP LOCKED keeps workers on different jobs, and the order row lock with the
 * PAID check keeps any order from being routed twice. Each job runs on a Vert.x context of its own, on the routing
 * lane's event loop (never behind HTTP requests, see {@link RoutingLane}), in a span that continues the trace of the
 * payment that queued it (see {@link Tracing}).
 */
@ApplicationScoped
public class RoutingWorker {
    private final RoutingJobRunner runner;
    private final RoutingLane lane;
    private final RoutingSettings settings;
    private final OmsMetrics metrics;
    private final Clock clock;
    private final AtomicInteger running = new AtomicInteger();
    /** Notifications that no take has answered yet: they came while every worker was busy. */
    private final AtomicInteger owed = new AtomicInteger();

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
     * A job's notification: one take of the oldest due job (whichever order's it is: the job of this notification
     * is then taken by the take of the other's), now, or by the first worker that is done when every worker is busy.
     * Only one: a worker that went on after its job while others were due took jobs whose notification had come
     * already, and that notification's take then found none, a transaction for nothing (0.34 per routed order at 32
     * clients, docs/BENCHMARKS.md). Nothing when a drain of this replica took the job already (see {@link #step}).
     */
    public Uni<Integer> notified(String orderId) {
        if (takenAhead.notified(orderId)) {
            return Uni.createFrom().item(0);
        }
        owed.incrementAndGet();
        return work(false);
    }

    /**
     * Routes due jobs until none is left (or a batch is done), then answers the notifications owed; returns how many
     * jobs were taken.
     */
    public Uni<Integer> drain() {
        return work(true);
    }

    /**
     * One worker's run, when a worker is free: a drain's batch, then a take for each notification owed. A notification
     * counts itself owed before it looks for a free worker, and a worker gives its place back before it looks at what
     * is owed: whichever comes second sees the other, so no notification is left unanswered.
     */
    private Uni<Integer> work(boolean drain) {
        if (running.incrementAndGet() > settings.workers()) {
            running.decrementAndGet();
            return Uni.createFrom().item(0);
        }
        Run run = new Run(drain);
        return Uni.createFrom()
                .deferred(run::next)
                .repeat()
                .whilst(step -> step != Step.IDLE)
                .collect()
                .last()
                .eventually(running::decrementAndGet)
                .chain(() -> owed.get() > 0 ? work(false) : Uni.createFrom().item(0))
                .map(more -> run.taken + more);
    }

    /** The takes of one worker's run, one after another. */
    private final class Run {
        private volatile boolean draining;
        private volatile int taken;
        private volatile Step last = Step.MORE;

        Run(boolean drain) {
            this.draining = drain;
        }

        /**
         * The next take: the drain's while more are due (and the batch is not done), then one per notification owed;
         * IDLE when none is left.
         */
        Uni<Step> next() {
            draining = draining && last == Step.MORE && taken < settings.batchSize();
            TakeAskedBy askedBy;
            if (draining) {
                askedBy = TakeAskedBy.DRAIN;
            } else if (owed.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                askedBy = TakeAskedBy.NOTIFICATION;
            } else {
                return Uni.createFrom().item(Step.IDLE);
            }
            return step(askedBy, askedBy == TakeAskedBy.DRAIN && taken > 0).invoke(step -> {
                taken++;
                last = step;
            });
        }
    }

    /**
     * Routes due jobs with every free worker, a batch each: the poller's round, which finds retries and the jobs whose
     * notification was missed (a backlog after a restart) without notifications to spread them over the workers. One
     * drain per round took a batch at a time, one job after another: a backlog waited for polls at 50 jobs each.
     */
    public Uni<Integer> drainAll() {
        List<Uni<Integer>> drains = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            drains.add(Uni.createFrom().deferred(this::drain));
        }
        return Uni.join()
                .all(drains)
                .andCollectFailures()
                .map(taken -> taken.stream().mapToInt(Integer::intValue).sum());
    }

    /**
     * What one step did: took no job; took the last one due that no other worker of this replica holds (a drain need
     * not ask again: each job's notification sets a worker to take one after it committed, and the poller finds those
     * whose notification was lost); took one, or failed one, with more due. Jobs that other replicas are routing
     * count as due: at worst one more step that finds nothing. IDLE: the run asked for nothing, and ends.
     */
    private enum Step {
        NONE,
        LAST,
        MORE,
        IDLE
    }

    /**
     * One job taken and routed. A job that a drain's later take ({@code goingOn}) gets is remembered, so that its own
     * notification starts no take. A notification's take that gets a retry (a job no notification announces) leaves
     * that notification owed, so that the job it announced is not left to the poller.
     */
    private Uni<Step> step(TakeAskedBy askedBy, boolean goingOn) {
        RoutingJobRunner.Claim claim = new RoutingJobRunner.Claim(job -> {
            if (goingOn) {
                takenAhead.took(job.orderId().toString());
            }
            if (askedBy == TakeAskedBy.NOTIFICATION && job.attempts() > 0) {
                owed.incrementAndGet();
            }
        });
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

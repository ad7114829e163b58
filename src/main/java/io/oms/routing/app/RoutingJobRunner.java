package io.oms.routing.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.infra.tracing.Tracing;
import io.oms.kernel.Times;
import io.oms.notification.Outbox;
import io.oms.order.app.Orders;
import io.oms.order.app.StuckConfig;
import io.oms.order.domain.StuckReason;
import io.oms.routing.persistence.RoutingJobs;
import io.oms.routing.persistence.RoutingJobs.Job;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The transactions of the routing worker: one per job, and one to record a failed attempt, on the routing lane's
 * connections. {@link RoutingWorker} calls them on the lane; called from elsewhere, they start there.
 */
@ApplicationScoped
public class RoutingJobRunner {
    static final String ACTOR = "system:routing";
    private static final Logger LOG = Logger.getLogger(RoutingJobRunner.class);

    private final Transactions transactions;
    private final RoutingJobs jobs;
    private final RoutingService routing;
    private final Orders orders;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RoutingSettings settings;
    private final Optional<String> opsEmail;
    private final Tracing tracing;
    private final Clock clock;

    public RoutingJobRunner(
            RoutingLane lane,
            RoutingJobs jobs,
            RoutingService routing,
            Orders orders,
            AuditLog audit,
            Outbox outbox,
            RoutingSettings settings,
            StuckConfig stuck,
            Tracing tracing,
            Clock clock) {
        this.transactions = lane.transactions();
        this.jobs = jobs;
        this.routing = routing;
        this.orders = orders;
        this.audit = audit;
        this.outbox = outbox;
        this.settings = settings;
        this.opsEmail = stuck.notifyEmail();
        this.tracing = tracing;
        this.clock = clock;
    }

    /**
     * A job done: the order's routing, and how many other jobs were due when it was taken (those other workers were
     * routing included; counted up to the number of workers and one more).
     */
    public record Done(Job job, RoutingService.Routed routed, int othersDue) {}

    /**
     * The job one step of the worker claimed, if any, and the span its work is traced in: it continues the trace
     * of the payment that queued the job, until the caller ends it (after the commit, or after recording a
     * failure).
     */
    public static final class Claim {
        private final Consumer<Job> onTaken;
        private Job job;
        private Tracing.WorkSpan span;

        /** A claim that tells {@code onTaken} of the job as soon as it is taken, before it is routed. */
        public Claim(Consumer<Job> onTaken) {
            this.onTaken = onTaken;
        }

        /** The claimed job, or null when none was due (or the claim itself failed). */
        public Job job() {
            return job;
        }

        /** Marks the job's span failed. */
        public void failed(Throwable error) {
            if (span != null) {
                span.failed(error);
            }
        }

        /** Ends the job's span; nothing when no job was claimed. */
        public void end() {
            if (span != null) {
                span.end();
            }
        }
    }

    /**
     * Takes the oldest due job (marked done at once) and routes its order in the same transaction: the job is done
     * exactly when the fulfillment orders are written. Done first, the routing after: the routing takes the stock
     * rows other orders queue for last, and nothing should run between its reservations and the commit. {@code
     * claim} tells the caller which job failed, if one does, and holds the job's span, current from the claim on.
     * Returns null when no job was due.
     */
    public Uni<Done> routeNextDueJob(Claim claim) {
        // Counting past this replica's workers is enough to tell whether a job is due that none of them holds.
        int countUpTo = settings.workers() + 1;
        return transactions.run(tx -> jobs.takeNext(tx, now(), countUpTo).chain(taken -> {
            if (taken == null) {
                return Uni.createFrom().nullItem();
            }
            Job job = taken.job();
            claim.job = job;
            claim.onTaken.accept(job);
            claim.span = tracing.continueTrace(
                    "route order",
                    job.traceparent(),
                    Map.of("oms.order.id", job.orderId().toString(), "oms.routing.attempt", job.attempts() + 1L));
            return routing.route(tx, job.orderId(), ACTOR, true)
                    .map(routed -> new Done(job, routed, taken.othersDue()));
        }));
    }

    /**
     * Schedules a retry with capped backoff: routing never gives up on a paid order. When the failures reach the
     * configured attempts the order is flagged UNROUTED (once, with its event and the operations notice); the
     * routing that succeeds in the end clears the flag.
     */
    public Uni<Void> recordFailure(Job job, Throwable error) {
        OffsetDateTime now = now();
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        OffsetDateTime retryAt = now.plus(settings.backoffAfter(job.attempts() + 1));
        return transactions.run(tx -> jobs.recordFailure(tx, job.orderId(), message, retryAt, now)
                .chain(attempts -> {
                    // The count recorded, not the claimed one: another worker may have failed the job meanwhile.
                    // At or past the limit the order is flagged, once (flagUnrouted sees an earlier flag).
                    boolean flag = attempts != null && attempts >= settings.maxAttempts();
                    LOG.warnf(
                            error,
                            "Routing order %s failed (attempt %s; flagged from %d)%s; retrying at %s",
                            job.orderId(),
                            attempts,
                            settings.maxAttempts(),
                            flag ? "; flagging it UNROUTED" : "",
                            retryAt);
                    return flag
                            ? flagUnrouted(tx, job.orderId(), attempts, now)
                            : Uni.createFrom().voidItem();
                }));
    }

    /** The raw error stays in routing_jobs.last_error and the log: customers can read the audit trail. */
    private Uni<Void> flagUnrouted(Tx tx, UUID orderId, int attempts, OffsetDateTime now) {
        return orders.lock(tx, orderId).chain(order -> {
            if (order.stuckReason() == StuckReason.UNROUTED) {
                return Uni.createFrom().voidItem(); // the detector flagged it already
            }
            order.flagStuck(StuckReason.UNROUTED, now);
            String status = order.status().name();
            return orders.save(tx, order)
                    .chain(() -> audit.record(
                            tx,
                            new AuditEntry(
                                    orderId,
                                    EventType.ROUTING_FAILED,
                                    status,
                                    status,
                                    ACTOR,
                                    "routing failed " + attempts + " times; the order needs attention",
                                    Map.of("attempts", attempts),
                                    now)))
                    // The same ops notice the stuck-order detector sends, without waiting for its next run.
                    .chain(() -> outbox.enqueue(
                            tx,
                            new Outbox.Notice(
                                    Outbox.Kind.ORDER_STUCK,
                                    orderId,
                                    opsEmail.orElse(null),
                                    stuckNotice(order.number(), status, now)),
                            now));
        });
    }

    private static Map<String, Object> stuckNotice(long number, String status, OffsetDateTime now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderNumber", number);
        payload.put("status", status);
        payload.put("reason", StuckReason.UNROUTED.name());
        payload.put("stuckSince", now.toString());
        return payload;
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

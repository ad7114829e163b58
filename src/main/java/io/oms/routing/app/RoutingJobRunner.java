package io.oms.routing.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.order.domain.StuckReason;
import io.oms.notification.Outbox;
import io.oms.order.persistence.OrderRepository;
import io.oms.routing.persistence.RoutingJobs;
import io.oms.routing.persistence.RoutingJobs.Job;
import io.oms.infra.OmsConfig;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/** The transactions of the routing worker: one per job, and one to record a failed attempt. */
@ApplicationScoped
public class RoutingJobRunner {
    static final String ACTOR = "system:routing";
    private static final Logger LOG = Logger.getLogger(RoutingJobRunner.class);

    private final RoutingJobs jobs;
    private final RoutingService routing;
    private final OrderRepository orders;
    private final AuditRecorder audit;
    private final RoutingSettings settings;
    private final Outbox outbox;
    private final Optional<String> opsEmail;
    private final Clock clock;

    public RoutingJobRunner(RoutingJobs jobs, RoutingService routing, OrderRepository orders, AuditRecorder audit,
            RoutingSettings settings, Outbox outbox, OmsConfig config, Clock clock) {
        this.outbox = outbox;
        this.opsEmail = config.stuck().notifyEmail();
        this.jobs = jobs;
        this.routing = routing;
        this.orders = orders;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** A job done: the order's routing and how long it waited since payment. */
    public record Done(Job job, RoutingService.Routed routed) {
    }

    /**
     * Claims the oldest due job and routes its order in the same transaction: the job is done exactly when
     * the fulfillment orders are written. {@code claimed} tells the caller which job failed, if one does.
     * Returns null when no job was due.
     */
    @WithTransaction
    public Uni<Done> routeNextDueJob(AtomicReference<Job> claimed) {
        OffsetDateTime now = now();
        return jobs.claimNext(now).chain(job -> {
            if (job == null) {
                return Uni.createFrom().nullItem();
            }
            claimed.set(job);
            return routing.route(job.orderId(), ACTOR, true)
                    .call(() -> jobs.markDone(job.orderId(), now()))
                    .map(routed -> new Done(job, routed));
        });
    }

    /** Schedules a retry with backoff; after the last attempt the order is flagged UNROUTED. */
    @WithTransaction
    public Uni<Void> recordFailure(Job job, Throwable error) {
        OffsetDateTime now = now();
        int failures = job.attempts() + 1;
        boolean giveUp = failures >= settings.maxAttempts();
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        OffsetDateTime retryAt = giveUp ? null : now.plus(settings.backoffAfter(failures));
        LOG.warnf(error, "Routing order %s failed (attempt %d of %d)%s", job.orderId(), failures,
                settings.maxAttempts(), giveUp ? "; flagging it UNROUTED" : "; retrying at " + retryAt);
        Uni<Integer> recorded = jobs.recordFailure(job.orderId(), message, retryAt, now);
        return giveUp ? recorded.chain(() -> flagUnrouted(job.orderId(), failures, now))
                : recorded.replaceWithVoid();
    }

    /** The raw error stays in routing_jobs.last_error and the log: customers can read the audit trail. */
    private Uni<Void> flagUnrouted(UUID orderId, int attempts, OffsetDateTime now) {
        return orders.findById(orderId).chain(order -> {
            order.stuckReason = StuckReason.UNROUTED;
            order.stuckSince = now;
            order.updatedAt = now;
            return audit.record(orderId, "ROUTING_FAILED", order.status.name(), order.status.name(), ACTOR,
                    "routing failed " + attempts + " times; the order needs attention",
                    Map.of("attempts", attempts), now)
                    // The same ops notice the stuck-order detector sends, without waiting for its next run.
                    .chain(() -> outbox.enqueue(Outbox.Kind.ORDER_STUCK, orderId, opsEmail.orElse(null),
                            stuckNotice(order.number, order.status.name(), now), now));
        }).chain(() -> orders.flush());
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

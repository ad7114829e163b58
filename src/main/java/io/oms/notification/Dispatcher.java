package io.oms.notification;

import io.oms.kernel.Times;
import io.oms.notification.Delivery.Claimed;
import io.oms.notification.NotificationMetrics.Outcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox, each channel of each notice on its own: a webhook POST (every notice) and a mail to the
 * notice's recipient. A channel that has nothing to deliver to is SKIPPED at once with its reason; a failed attempt
 * is retried on that channel only ({@link RetrySchedule}), so a mail that fails never posts the webhook again.
 * Runs outside every business transaction, so a slow or broken receiver never holds up an order.
 */
@ApplicationScoped
public class Dispatcher {
    /**
     * Kept free at the end of a lease: an attempt starts only if its timeout ends this long before the lease does,
     * which covers recording the result and clocks of replicas that differ a little.
     */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Delivery delivery;
    private final WebhookSender webhook;
    private final MailSender mail;
    private final NotificationConfig config;
    private final NotificationMetrics metrics;
    private final RetrySchedule schedule;
    private final Clock clock;

    public Dispatcher(
            Delivery delivery,
            WebhookSender webhook,
            MailSender mail,
            NotificationConfig config,
            NotificationMetrics metrics,
            Clock clock) {
        this.delivery = delivery;
        this.webhook = webhook;
        this.mail = mail;
        this.config = config;
        this.metrics = metrics;
        this.schedule = RetrySchedule.of(config);
        this.clock = clock;
    }

    /** Delivers what is due; returns how many channel deliveries were claimed. */
    public Uni<Integer> dispatchDue() {
        return delivery.claim(
                        now(),
                        config.batchSize(),
                        config.lease(),
                        new Delivery.MailLimit(config.mailLimit(), config.mailLimitWindow()))
                .chain(claimed -> {
                    // What has nothing to deliver to is recorded in one statement; the rest is attempted.
                    List<Delivery.Skip> skips = new ArrayList<>();
                    Map<Claimed, SkipReason> reasons = new HashMap<>();
                    List<Claimed> attempts = new ArrayList<>();
                    for (Claimed c : claimed) {
                        Optional<SkipReason> reason = skipReason(c);
                        if (reason.isPresent()) {
                            reasons.put(c, reason.get());
                            skips.add(new Delivery.Skip(c, skipText(c, reason.get())));
                        } else {
                            attempts.add(c);
                        }
                    }
                    return delivery.skippedAll(skips, now())
                            .invoke(written -> written.forEach(c -> metrics.skipped(c.channel(), reasons.get(c))))
                            .chain(() -> Multi.createFrom()
                                    .iterable(attempts)
                                    .onItem()
                                    .transformToUni(this::deliver)
                                    .merge(config.concurrency())
                                    .collect()
                                    .asList())
                            .map(done -> claimed.size());
                });
    }

    private Uni<Void> deliver(Claimed c) {
        Duration timeout = c.channel() == Channel.WEBHOOK ? config.webhookTimeout() : config.mailTimeout();
        OffsetDateTime start = now();
        if (start.plus(timeout).plus(LEASE_MARGIN).isAfter(c.claimedUntil())) {
            // Too late in this lease to be sure the attempt ends within it: another dispatcher could take the
            // delivery while it is still being sent. Hand it back for the next round.
            return delivery.release(c, start).replaceWithVoid();
        }
        Uni<Void> attempt;
        try {
            attempt = c.channel() == Channel.WEBHOOK ? webhook.send(c, start) : mail.send(c);
        } catch (RuntimeException e) { // a notice the mail cannot be rendered for fails like any attempt
            attempt = Uni.createFrom().failure(e);
        }
        return attempt.onItemOrFailure().transformToUni((ok, error) -> error == null ? sent(c) : failed(c, error));
    }

    private Optional<SkipReason> skipReason(Claimed c) {
        if (!config.enabled()) {
            return Optional.of(SkipReason.SWITCHED_OFF);
        }
        if (c.channel() == Channel.WEBHOOK) {
            return WebhookSender.configured(config) ? Optional.empty() : Optional.of(SkipReason.NO_WEBHOOK_URL);
        }
        if (c.recipient() == null || c.recipient().isBlank()) {
            return Optional.of(SkipReason.NO_RECIPIENT);
        }
        if (c.mailUnwanted() != null) {
            return Optional.of(SkipReason.NOT_WANTED);
        }
        if (c.overMailLimit()) {
            return Optional.of(SkipReason.RATE_LIMITED);
        }
        if (config.mailLogOnly()) {
            return Optional.of(SkipReason.LOG_ONLY);
        }
        return MailSender.configured(config) ? Optional.empty() : Optional.of(SkipReason.NO_MAIL_SERVER);
    }

    /** The reason recorded for a skipped delivery; a log-only mail is logged here. */
    private String skipText(Claimed c, SkipReason reason) {
        if (reason == SkipReason.LOG_ONLY) {
            try {
                mail.log(c);
            } catch (RuntimeException e) {
                LOG.warnf("Notice %s (%s) cannot be rendered as mail: %s", c.id(), c.kind(), e.getMessage());
            }
        }
        return switch (reason) {
            case NOT_WANTED -> reason.text() + ": " + c.mailUnwanted();
            case RATE_LIMITED -> reason.text() + " (" + config.mailLimit() + " per " + config.mailLimitWindow() + ")";
            default -> reason.text();
        };
    }

    private Uni<Void> sent(Claimed c) {
        return delivery.sent(c, now())
                .invoke(written -> {
                    metrics.attempted(c.channel(), Outcome.SENT);
                    if (!written) {
                        // Cannot happen while attempts end within their lease; loud if it ever does.
                        LOG.warnf("Notice %s (%s) was delivered after its claim ended", c.id(), c.channel());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> failed(Claimed c, Throwable error) {
        OffsetDateTime now = now();
        int failures = c.attempts() + 1;
        OffsetDateTime retryAt = schedule.next(failures, c.retryingSince(), now).orElse(null);
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (retryAt == null) {
            LOG.errorf(
                    "Notice %s (%s) %s is DEAD after %d attempts since %s: %s",
                    c.id(), c.kind(), c.channel(), failures, c.retryingSince(), message);
        } else {
            LOG.warnf(
                    "Notice %s (%s) %s failed, attempt %d, next at %s: %s",
                    c.id(), c.kind(), c.channel(), failures, retryAt, message);
        }
        return delivery.failed(c, message, retryAt, now)
                .invoke(written -> {
                    if (written) {
                        metrics.attempted(c.channel(), retryAt == null ? Outcome.DEAD : Outcome.FAILED);
                    }
                })
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

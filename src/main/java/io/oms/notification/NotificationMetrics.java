package io.oms.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of what the dispatchers did, per pod (sum them across pods): channels skipped by reason, and attempts by
 * outcome. The backlog (notices pending and dead) is a gauge read from the database with the other backlog gauges
 * (metrics.BacklogGauges), from notifications.status.
 */
@Startup // every counter exists (at zero) from the first scrape
@ApplicationScoped
public class NotificationMetrics {
    /** What one attempt on a channel came to. */
    public enum Outcome {
        SENT,
        /** failed, to be retried */
        FAILED,
        /** failed for the last time */
        DEAD
    }

    private final Map<Channel, Map<SkipReason, Counter>> skipped = new EnumMap<>(Channel.class);
    private final Map<Channel, Map<Outcome, Counter>> attempts = new EnumMap<>(Channel.class);

    public NotificationMetrics(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            Map<SkipReason, Counter> byReason = new EnumMap<>(SkipReason.class);
            for (SkipReason reason : SkipReason.values()) {
                byReason.put(
                        reason,
                        Counter.builder("oms.notifications.skipped")
                                .description(
                                        "Notice channels that delivered nothing, by reason (never counted as sent)")
                                .tag("channel", channel.name())
                                .tag("reason", reason.name())
                                .register(registry));
            }
            skipped.put(channel, byReason);
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("oms.notification.attempts")
                                .description("Delivery attempts of notices, by channel and outcome")
                                .tag("channel", channel.name())
                                .tag("outcome", outcome.name())
                                .register(registry));
            }
            attempts.put(channel, byOutcome);
        }
    }

    public void skipped(Channel channel, SkipReason reason) {
        skipped.get(channel).get(reason).increment();
    }

    public void attempted(Channel channel, Outcome outcome) {
        attempts.get(channel).get(outcome).increment();
    }
}

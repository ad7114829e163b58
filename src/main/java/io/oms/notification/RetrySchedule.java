package io.oms.notification;

import io.oms.kernel.Backoff;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * When a failed channel is tried again: exponential backoff from {@code backoff}, capped at {@code maxBackoff}, for
 * as long as {@code retryFor} since it started retrying (its notice was written, or redelivered) and at least
 * {@code minAttempts} attempts. The attempt count alone never decides, so a dispatcher that was down for a day does
 * not turn a notice DEAD on its first attempt; the time alone never decides either.
 */
public record RetrySchedule(Duration backoff, Duration maxBackoff, Duration retryFor, int minAttempts) {

    static RetrySchedule of(NotificationConfig config) {
        return new RetrySchedule(config.backoff(), config.maxBackoff(), config.retryFor(), config.minAttempts());
    }

    /**
     * The next attempt after the {@code failures}-th failure at {@code now}, or empty when the channel is to be
     * marked DEAD.
     */
    public Optional<OffsetDateTime> next(int failures, OffsetDateTime retryingSince, OffsetDateTime now) {
        boolean longEnough = !now.isBefore(retryingSince.plus(retryFor));
        if (longEnough && failures >= minAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(Backoff.after(failures, backoff, maxBackoff)));
    }
}

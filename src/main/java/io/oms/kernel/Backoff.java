package io.oms.kernel;

import java.time.Duration;

/** Exponential backoff shared by every retried job: {@code base}, doubled per further failure, capped. */
public final class Backoff {
    private Backoff() {}

    /** The delay after {@code failures} failed attempts (1 = the first failure waits {@code base}). */
    public static Duration after(int failures, Duration base, Duration max) {
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 30));
        return delay.isNegative() || delay.compareTo(max) > 0 ? max : delay;
    }
}

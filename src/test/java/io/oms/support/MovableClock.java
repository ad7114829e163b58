package io.oms.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: real time plus an offset that a test can move forward (to make orders
 * 24 hours old without waiting) and must reset afterwards.
 */
public final class MovableClock extends Clock {
    private static final MovableClock INSTANCE = new MovableClock();
    private volatile Duration offset = Duration.ZERO;

    private MovableClock() {}

    public static void advance(Duration by) {
        INSTANCE.offset = INSTANCE.offset.plus(by);
    }

    public static void reset() {
        INSTANCE.offset = Duration.ZERO;
    }

    public static Instant now() {
        return INSTANCE.instant();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service works in UTC");
    }

    /** Replaces the production clock (ClockProducer) in every @QuarkusTest. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @Alternative
        @Priority(1)
        @ApplicationScoped
        Clock clock() {
            return INSTANCE;
        }
    }
}

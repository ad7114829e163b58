package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default schedule of a failing channel: capped backoff, given up only after a day of retrying. */
class RetryScheduleTest {
    private static final RetrySchedule DEFAULTS =
            new RetrySchedule(Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(24), 10);
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 30, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void aReceiverThatNeverAnswersIsRetriedAtMostEvery15MinutesForADayThenDead() {
        OffsetDateTime now = START;
        int failures = 0;
        Duration longestWait = Duration.ZERO;
        while (true) {
            failures++;
            Optional<OffsetDateTime> next = DEFAULTS.next(failures, START, now);
            if (next.isEmpty()) {
                break;
            }
            Duration wait = Duration.between(now, next.get());
            longestWait = wait.compareTo(longestWait) > 0 ? wait : longestWait;
            now = next.get();
        }
        assertTrue(Duration.between(START, now).compareTo(Duration.ofHours(24)) >= 0, "gave up at " + now);
        assertTrue(Duration.between(START, now).compareTo(Duration.ofHours(24).plusMinutes(15)) <= 0);
        assertEquals(Duration.ofMinutes(15), longestWait);
        assertTrue(failures > 90, "about 4 attempts an hour once capped: " + failures);
    }

    @Test
    void aDayOfOutageBeforeTheFirstAttemptDoesNotMakeItDeadAtOnce() {
        OffsetDateTime dayLater = START.plusHours(30);
        assertTrue(DEFAULTS.next(1, START, dayLater).isPresent());
        assertTrue(DEFAULTS.next(9, START, dayLater).isPresent());
        assertTrue(DEFAULTS.next(10, START, dayLater).isEmpty());
    }
}

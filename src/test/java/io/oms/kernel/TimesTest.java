package io.oms.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void nowIsTheClocksInstantInUtc() {
        OffsetDateTime now = Times.now(Clock.fixed(NOON, ZoneId.of("Europe/Berlin")));
        assertEquals(ZoneOffset.UTC, now.getOffset());
        assertEquals(NOON, now.toInstant());
    }

    @Test
    void everyTimestampShapeANativeQueryReturnsBecomesUtc() {
        OffsetDateTime expected = NOON.atOffset(ZoneOffset.UTC);
        assertEquals(expected, Times.utc(NOON.atOffset(ZoneOffset.ofHours(2))));
        assertEquals(expected, Times.utc(NOON));
        assertEquals(expected, Times.utc(LocalDateTime.of(2026, 11, 27, 12, 0)));
        assertNull(Times.utc(null));
    }
}

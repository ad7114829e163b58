package io.oms.kernel;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Every time the service writes or returns is UTC. */
public final class Times {
    private Times() {}

    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A timestamp column as a native query returns it (the JDBC type varies with the driver). */
    public static OffsetDateTime utc(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (column instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((LocalDateTime) column).atOffset(ZoneOffset.UTC);
    }
}

package io.oms.order.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The width of one bar of the order activity chart: an hour or a day, both aligned to UTC. */
public enum ActivityBucket {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    ActivityBucket(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the bucket that holds {@code time}, in UTC. */
    public OffsetDateTime startOf(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(unit);
    }

    /** The start of the first bucket that begins at or after {@code time}. */
    public OffsetDateTime startAtOrAfter(OffsetDateTime time) {
        OffsetDateTime start = startOf(time);
        return start.isEqual(time) ? start : next(start);
    }

    public OffsetDateTime next(OffsetDateTime start) {
        return start.plus(1, unit);
    }

    long between(OffsetDateTime start, OffsetDateTime end) {
        return unit.between(start, end);
    }
}

package io.oms.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.ValidationException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityWindowTest {
    private static OffsetDateTime utc(String time) {
        return OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Test
    void theWindowIsTheWholeBucketsThatTheRangeTouches() {
        ActivityWindow window =
                ActivityWindow.of(utc("2026-11-30T10:30:00Z"), utc("2026-11-30T12:15:00Z"), ActivityBucket.HOUR, 168);
        assertEquals(utc("2026-11-30T10:00:00Z"), window.start());
        assertEquals(utc("2026-11-30T13:00:00Z"), window.end());
        assertEquals(3, window.size());
    }

    @Test
    void aRangeEndingOnABucketStartDoesNotTouchThatBucket() {
        ActivityWindow window =
                ActivityWindow.of(utc("2026-11-30T10:00:00Z"), utc("2026-11-30T12:00:00Z"), ActivityBucket.HOUR, 168);
        assertEquals(2, window.size());
    }

    @Test
    void bucketsAreAlignedToUtcWhateverTheOffsetOfTheRange() {
        ActivityWindow days =
                ActivityWindow.of(utc("2026-11-30T01:00:00+05:00"), utc("2026-11-30T01:00:00Z"), ActivityBucket.DAY, 7);
        assertEquals(utc("2026-11-29T00:00:00Z"), days.start());
        assertEquals(utc("2026-12-01T00:00:00Z"), days.end());
    }

    @Test
    void everyBucketIsAnsweredOldestFirstTheEmptyOnesAsZeros() {
        ActivityWindow window =
                ActivityWindow.of(utc("2026-11-30T10:00:00Z"), utc("2026-11-30T13:00:00Z"), ActivityBucket.HOUR, 168);
        ActivityCount eleven = new ActivityCount(utc("2026-11-30T11:00:00Z"), 3, 2, 1, 1, 0);
        List<ActivityCount> filled = window.fill(Map.of(eleven.start(), eleven));
        assertEquals(
                List.of(
                        ActivityCount.none(utc("2026-11-30T10:00:00Z")),
                        eleven,
                        ActivityCount.none(utc("2026-11-30T12:00:00Z"))),
                filled);
    }

    @Test
    void aWindowOfMoreBucketsThanAllowedIsRefusedOnTo() {
        assertEquals(
                168,
                ActivityWindow.of(utc("2026-11-23T00:00:00Z"), utc("2026-11-30T00:00:00Z"), ActivityBucket.HOUR, 168)
                        .size());
        ValidationException tooLong = assertThrows(
                ValidationException.class,
                () -> ActivityWindow.of(
                        utc("2026-11-23T00:00:00Z"), utc("2026-11-30T00:00:01Z"), ActivityBucket.HOUR, 168));
        assertEquals("to", tooLong.field());
    }

    @Test
    void toMustBeAfterFrom() {
        OffsetDateTime at = utc("2026-11-30T10:00:00Z");
        assertEquals(
                "to",
                assertThrows(ValidationException.class, () -> ActivityWindow.of(at, at, ActivityBucket.DAY, 7))
                        .field());
        assertEquals(
                "to",
                assertThrows(
                                ValidationException.class,
                                () -> ActivityWindow.of(at, at.minusHours(1), ActivityBucket.HOUR, 168))
                        .field());
    }
}

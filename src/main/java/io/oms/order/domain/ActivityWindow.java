package io.oms.order.domain;

import io.oms.kernel.ValidationException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole buckets that cover {@code [from, to)}: from the start of the bucket holding {@code from} up to the
 * first bucket start at or after {@code to}. Each bucket counts its whole width, so that a bar means the same
 * whatever the minute the chart was asked for; the last one may still be filling.
 */
public record ActivityWindow(OffsetDateTime start, OffsetDateTime end, ActivityBucket bucket) {

    /** VALIDATION on {@code to} unless it is after {@code from} and the window has at most {@code maxBuckets}. */
    public static ActivityWindow of(OffsetDateTime from, OffsetDateTime to, ActivityBucket bucket, int maxBuckets) {
        if (!to.isAfter(from)) {
            throw new ValidationException("to", "to must be after from");
        }
        ActivityWindow window = new ActivityWindow(bucket.startOf(from), bucket.startAtOrAfter(to), bucket);
        if (window.size() > maxBuckets) {
            throw new ValidationException(
                    "to",
                    "at most " + maxBuckets + " buckets of one " + bucket.name().toLowerCase() + " at a time; from "
                            + from + " to " + to + " are " + window.size());
        }
        return window;
    }

    public long size() {
        return bucket.between(start, end);
    }

    /** One count per bucket, oldest first, with the buckets nothing happened in as zeros. */
    public List<ActivityCount> fill(Map<OffsetDateTime, ActivityCount> counted) {
        List<ActivityCount> all = new ArrayList<>();
        for (OffsetDateTime at = start; at.isBefore(end); at = bucket.next(at)) {
            ActivityCount count = counted.get(at);
            all.add(count == null ? ActivityCount.none(at) : count);
        }
        return all;
    }
}

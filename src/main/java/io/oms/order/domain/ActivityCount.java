package io.oms.order.domain;

import java.time.OffsetDateTime;

/**
 * What happened to orders in one bucket from {@code start}: orders placed, paid (they reached PAID), routed for the
 * first time (they left PAID through routing), shipments shipped, and orders cancelled (they reached CANCELLED).
 */
public record ActivityCount(OffsetDateTime start, int placed, int paid, int routed, int shipped, int cancelled) {
    public static ActivityCount none(OffsetDateTime start) {
        return new ActivityCount(start, 0, 0, 0, 0, 0);
    }
}

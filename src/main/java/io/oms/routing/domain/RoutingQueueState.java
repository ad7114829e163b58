package io.oms.routing.domain;

import java.time.OffsetDateTime;

/**
 * The routing job queue at one moment: {@code depth} jobs waiting (PENDING), {@code due} of them whose time has
 * come (a worker should be on them), {@code retrying} of them after a failed attempt, {@code oldestDueSince} when the
 * job due longest became due (null when none is), and {@code failed} jobs given up (their orders are stuck
 * UNROUTED).
 */
public record RoutingQueueState(int depth, int due, int retrying, OffsetDateTime oldestDueSince, int failed) {}

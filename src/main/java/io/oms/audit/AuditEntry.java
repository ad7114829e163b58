package io.oms.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One entry to append to an order's trail; statuses are null when the entry records no status change. */
public record AuditEntry(
        UUID orderId,
        EventType type,
        String fromStatus,
        String toStatus,
        String actor,
        String note,
        Map<String, Object> details,
        OffsetDateTime at) {

    /** An entry that changes no status. */
    public static AuditEntry of(
            UUID orderId, EventType type, String actor, String note, Map<String, Object> details, OffsetDateTime at) {
        return new AuditEntry(orderId, type, null, null, actor, note, details, at);
    }
}

package io.oms.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an order's audit trail. {@code details} is a JSON object as text. */
public record OrderEvent(
        long id,
        UUID orderId,
        String type,
        String fromStatus,
        String toStatus,
        String actor,
        String note,
        String details,
        OffsetDateTime occurredAt) {}

package io.oms.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Appends to the audit trail inside the caller's transaction, so an event exists exactly when the change
 * it records was committed.
 */
@ApplicationScoped
public class AuditRecorder {

    public Uni<Void> record(UUID orderId, String type, String fromStatus, String toStatus, String actor,
            String note, Map<String, Object> details, OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into order_events (order_id, type, from_status, to_status, actor, note, details, occurred_at)
                values (:orderId, :type, :fromStatus, :toStatus, :actor, :note, cast(cast(:details as text) as jsonb), :at)""")
                .setParameter("orderId", orderId)
                .setParameter("type", type)
                .setParameter("fromStatus", fromStatus)
                .setParameter("toStatus", toStatus)
                .setParameter("actor", actor)
                .setParameter("note", note)
                // Bound as text: the reactive client would encode a String bound to jsonb as a JSON string.
                .setParameter("details", new JsonObject(details).encode())
                .setParameter("at", at)
                .executeUpdate()
                .replaceWithVoid());
    }
}

package io.oms.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Writes customer notifications into the outbox table inside the caller's transaction: a notification
 * exists exactly when the change it announces was committed, and delivery (a separate dispatcher) can
 * never block or roll back the business transaction.
 */
@ApplicationScoped
public class Outbox {

    public enum Kind {
        BACKORDER_CREATED, BACKORDER_ALLOCATED, SHIPMENT_SHIPPED, LINES_CANCELLED, ORDER_STUCK
    }

    public Uni<Void> enqueue(Kind kind, UUID orderId, String recipient, Map<String, Object> payload,
            OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into notifications (id, kind, order_id, recipient, payload, status, attempts, next_attempt_at,
                    created_at)
                values (:id, :kind, :orderId, :recipient, cast(cast(:payload as text) as jsonb), 'PENDING', 0, :now,
                    :now)""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("kind", kind.name())
                .setParameter("orderId", orderId)
                .setParameter("recipient", recipient)
                .setParameter("payload", new JsonObject(payload).encode())
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid());
    }
}

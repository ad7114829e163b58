package io.oms.order.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims an idempotency key inside the caller's transaction. {@code INSERT ... ON CONFLICT DO NOTHING}
 * makes a concurrent duplicate wait until the first transaction ends; it then sees the committed claim
 * and returns the existing order instead of writing a second one.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public record Claim(UUID orderId, String requestHash) {
    }

    /** True when this transaction now owns the key; false when it was already taken. */
    public Uni<Boolean> claim(String caller, String key, UUID orderId, String requestHash, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into idempotency_keys (caller, key, order_id, request_hash, created_at)
                values (:caller, :key, :orderId, :hash, :now)
                on conflict (caller, key) do nothing""")
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("orderId", orderId)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    public Uni<Optional<Claim>> find(String caller, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select order_id, request_hash from idempotency_keys where caller = :caller and key = :key""",
                Object[].class)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getResultList()
                .map(rows -> rows.stream().findFirst()
                        .map(row -> new Claim((UUID) row[0], (String) row[1]))));
    }
}

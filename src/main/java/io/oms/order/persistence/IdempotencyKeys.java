package io.oms.order.persistence;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Claims an idempotency key inside the caller's transaction. {@code INSERT ... ON CONFLICT DO NOTHING}
 * makes a concurrent duplicate wait until the first transaction ends; it then sees the committed claim
 * and returns the existing order instead of writing a second one.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public record Claim(UUID orderId, String requestHash) {}

    /** True when this transaction now owns the key; false when it was already taken. */
    public Uni<Boolean> claim(Tx tx, String caller, String key, UUID orderId, String requestHash, OffsetDateTime now) {
        return tx.update("""
                insert into idempotency_keys (caller, key, order_id, request_hash, created_at)
                values ($1, $2, $3, $4, $5)
                on conflict (caller, key) do nothing""", caller, key, orderId, requestHash, now).map(rows -> rows == 1);
    }

    /** The claim of this key by this caller; null when there is none. */
    public Uni<Claim> find(Tx tx, String caller, String key) {
        return tx.one(
                "select order_id, request_hash from idempotency_keys where caller = $1 and key = $2",
                row -> new Claim(row.getUUID(0), row.getString(1)),
                caller,
                key);
    }
}

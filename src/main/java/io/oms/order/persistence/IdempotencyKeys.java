package io.oms.order.persistence;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The idempotency keys of placed orders: claimed with the order itself ({@link OrderStore#insertClaimed}), whose
 * {@code INSERT ... ON CONFLICT DO NOTHING} makes a concurrent duplicate wait until the first transaction ends; the
 * duplicate then finds the committed claim here and returns the existing order instead of writing a second one.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public record Claim(UUID orderId, String requestHash) {}

    /** The claim of this key by this caller; null when there is none. */
    public Uni<Claim> find(Tx tx, String caller, String key) {
        return tx.one(
                "select order_id, request_hash from idempotency_keys where caller = $1 and key = $2",
                row -> new Claim(row.getUUID(0), row.getString(1)),
                caller,
                key);
    }
}

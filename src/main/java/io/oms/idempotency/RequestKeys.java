package io.oms.idempotency;

import io.oms.infra.sql.Tx;
import io.oms.kernel.Caller;
import io.oms.kernel.ConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Idempotent mutations: the first request with a key (per caller) does its work and records what it answered, in
 * the same transaction; the same key and caller again gets that answer back and writes nothing new. A racing
 * duplicate waits on the key row until the first commits, then finds its answer. The same key for a different
 * request is a CONFLICT: silently answering the first would hide a client bug.
 */
@ApplicationScoped
public class RequestKeys {

    /**
     * Runs {@code work} once per (caller, key); without a key it simply runs. {@code request} identifies the request
     * (operation and arguments) so that a key reused for something else is refused.
     */
    public Uni<JsonObject> once(
            Tx tx,
            Caller caller,
            String key,
            String operation,
            String request,
            OffsetDateTime now,
            Supplier<Uni<JsonObject>> work) {
        if (key == null) {
            return work.get();
        }
        String hash = hash(operation + "|" + request);
        return tx.update("""
                        insert into request_keys (caller, key, operation, request_hash, created_at)
                        values ($1, $2, $3, $4, $5) on conflict (caller, key) do nothing""", caller.actor(), key, operation, hash, now)
                .chain(claimed -> claimed == 1
                        ? work.get().call(result -> record(tx, caller, key, result))
                        : previous(tx, caller, key, operation, hash));
    }

    /** Adds to the recorded answer (work that completes after the transaction, such as a fill). */
    public Uni<Void> amend(Tx tx, Caller caller, String key, JsonObject more) {
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.execute(
                        "update request_keys set result = result || $3::text::jsonb where caller = $1 and key = $2",
                        caller.actor(),
                        key,
                        more.encode())
                .replaceWithVoid();
    }

    private Uni<Void> record(Tx tx, Caller caller, String key, JsonObject result) {
        return tx.execute(
                        "update request_keys set result = $3::text::jsonb where caller = $1 and key = $2",
                        caller.actor(),
                        key,
                        result.encode())
                .replaceWithVoid();
    }

    private Uni<JsonObject> previous(Tx tx, Caller caller, String key, String operation, String hash) {
        return tx.one(
                        "select operation, request_hash, result::text from request_keys where caller = $1 and key = $2",
                        row -> {
                            if (!operation.equals(row.getString(0)) || !hash.equals(row.getString(1))) {
                                throw new ConflictException("idempotencyKey " + key + " was already used for a"
                                        + " different request (" + row.getString(0) + "); use a new key");
                            }
                            return new JsonObject(row.getString(2));
                        },
                        caller.actor(),
                        key)
                .map(found -> {
                    if (found == null) {
                        throw new ConflictException("idempotency key is being used; retry");
                    }
                    return found;
                });
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

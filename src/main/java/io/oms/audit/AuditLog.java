package io.oms.audit;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The one writer of the audit trail: appends inside the caller's transaction, so an event exists exactly when
 * the change it records was committed. Set-based statements that write events for many orders at once (the
 * stuck-order detector) use {@link #INSERT} so that the table has one definition of what an entry holds.
 */
@ApplicationScoped
public class AuditLog {
    /** The column list of an entry; follow it with a VALUES list or a SELECT of the same columns. */
    public static final String INSERT =
            "insert into order_events (order_id, type, from_status, to_status, actor, note, details, occurred_at) ";

    private static final String VALUES = INSERT + "values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)";

    public Uni<Void> record(Tx tx, AuditEntry entry) {
        return tx.query(VALUES, tuple(entry)).replaceWithVoid();
    }

    /** Several entries in one round trip, in list order (their ids, and so the trail, keep that order). */
    public Uni<Void> recordAll(Tx tx, List<AuditEntry> entries) {
        return tx.batch(VALUES, entries.stream().map(AuditLog::tuple).toList());
    }

    private static Tuple tuple(AuditEntry e) {
        // Details are bound as text: the client would encode a String bound to jsonb as a JSON string.
        return Tx.tuple(
                e.orderId(),
                e.type().name(),
                e.fromStatus(),
                e.toStatus(),
                e.actor(),
                e.note(),
                new JsonObject(e.details()).encode(),
                e.at());
    }
}

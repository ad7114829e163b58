package io.oms.notification;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one writer of customer and operations notifications: rows of the outbox table written inside the
 * caller's transaction, so a notification exists exactly when the change it announces was committed, and
 * delivery (a separate dispatcher) can never block or roll back the business transaction. Set-based
 * statements (the stuck-order detector) insert through {@link #INSERT}.
 */
@ApplicationScoped
public class Outbox {
    /** The columns of a new notification; follow with a SELECT of the same columns. */
    public static final String INSERT = "insert into notifications (id, kind, order_id, recipient, payload, status,"
            + " attempts, next_attempt_at, created_at) ";

    private static final String VALUES = "insert into notifications (id, kind, order_id, recipient, payload, status,"
            + " attempts, next_attempt_at, created_at, mail_unwanted)"
            + " values ($1, $2, $3, $4, $5::text::jsonb, 'PENDING', 0, $6, $6, $7)";

    public enum Kind {
        BACKORDER_CREATED,
        BACKORDER_ALLOCATED,
        SHIPMENT_SHIPPED,
        LINES_CANCELLED,
        ORDER_STUCK
    }

    /**
     * A notification to send: what happened, to which order, for whom, with what to say; {@code mailUnwanted} says
     * why it must not be mailed (null: mail it). The webhook gets every notice.
     */
    public record Notice(Kind kind, UUID orderId, String recipient, Map<String, Object> payload, String mailUnwanted) {
        public Notice(Kind kind, UUID orderId, String recipient, Map<String, Object> payload) {
            this(kind, orderId, recipient, payload, null);
        }

        /** This notice for the webhook only, unless {@code mail}; {@code why} is kept with the skipped mail. */
        public Notice mailedOnlyIf(boolean mail, String why) {
            return mail ? this : new Notice(kind, orderId, recipient, payload, why);
        }
    }

    public Uni<Void> enqueue(Tx tx, Notice notice, OffsetDateTime now) {
        return tx.query(VALUES, tuple(notice, now)).replaceWithVoid();
    }

    public Uni<Void> enqueueAll(Tx tx, List<Notice> notices, OffsetDateTime now) {
        return tx.batch(VALUES, notices.stream().map(n -> tuple(n, now)).toList());
    }

    private static Tuple tuple(Notice n, OffsetDateTime now) {
        return Tx.tuple(
                UUID.randomUUID(),
                n.kind().name(),
                n.orderId(),
                n.recipient(),
                new JsonObject(n.payload()).encode(),
                now,
                n.mailUnwanted());
    }
}

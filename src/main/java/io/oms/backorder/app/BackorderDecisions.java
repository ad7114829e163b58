package io.oms.backorder.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.persistence.BackorderStore;
import io.oms.idempotency.RequestKeys;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.kernel.Caller;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.Text;
import io.oms.kernel.Times;
import io.oms.kernel.ValidationException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The customer's answer to a backorder. WAIT is recorded here; CANCEL is a partial cancellation of the order
 * (refund, totals, status), which the order capability's cancellation use case carries out with
 * {@link #openBackorderOf} as its first step.
 */
@ApplicationScoped
public class BackorderDecisions {
    private static final int MAX_KEY = 200;
    private final BackorderStore store;
    private final AuditLog audit;
    private final Transactions transactions;
    private final RequestKeys requestKeys;
    private final Clock clock;

    public BackorderDecisions(
            BackorderStore store, AuditLog audit, Transactions transactions, RequestKeys requestKeys, Clock clock) {
        this.requestKeys = requestKeys;
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Records the customer's answer on the backorder and in the order's trail. */
    public Uni<Void> record(
            Tx tx, Caller caller, BackorderSnapshot backorder, BackorderDecision decision, OffsetDateTime now) {
        return store.decide(tx, backorder.id(), decision, now)
                .chain(() -> audit.record(
                        tx,
                        AuditEntry.of(
                                backorder.orderId(),
                                EventType.BACKORDER_DECISION,
                                caller.actor(),
                                decision.name(),
                                Map.of("backorderId", backorder.id().toString(), "decision", decision.name()),
                                now)));
    }

    /** WAIT keeps the backorder; returns its id. */
    public Uni<BackorderSnapshot> waitForStock(Caller caller, UUID backorderId, String idempotencyKey) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        String key = Text.optional(idempotencyKey, "idempotencyKey", MAX_KEY);
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "respondToBackorder",
                        backorderId + "|WAIT",
                        now,
                        () -> openBackorderOf(tx, caller, backorderId)
                                .chain(backorder -> record(tx, caller, backorder, BackorderDecision.WAIT, now))
                                .replaceWith(new JsonObject()))
                .chain(() -> store.find(tx, backorderId)));
    }

    /**
     * The backorder, locked, when the caller may answer it: their own (or an admin), and still open. Another
     * customer's backorder is indistinguishable from none.
     */
    public Uni<BackorderSnapshot> openBackorderOf(Tx tx, Caller caller, UUID backorderId) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        return store.findWithOwner(tx, backorderId).map(found -> {
            if (found == null || !caller.actsFor(found.customerId())) {
                throw new NotFoundException("Backorder", backorderId);
            }
            if (found.backorder().status() != BackorderStatus.OPEN) {
                throw new ValidationException(
                        "backorderId",
                        "this backorder is " + found.backorder().status() + "; only an open one can be answered");
            }
            return found.backorder();
        });
    }
}

package io.oms.backorder.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.persistence.BackorderRepository;
import io.oms.order.app.CancellationService;
import io.oms.order.domain.CancelLine;
import io.oms.order.domain.OrderAccess;
import io.oms.order.persistence.OrderRepository;
import io.oms.kernel.Caller;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.ValidationException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The customer's answer to a backorder: keep waiting, or cancel that quantity with a refund. */
@ApplicationScoped
public class BackorderDecisions {
    private final BackorderRepository backorders;
    private final OrderRepository orders;
    private final CancellationService cancellations;
    private final AuditRecorder audit;
    private final Clock clock;

    public BackorderDecisions(BackorderRepository backorders, OrderRepository orders,
            CancellationService cancellations, AuditRecorder audit, Clock clock) {
        this.backorders = backorders;
        this.orders = orders;
        this.cancellations = cancellations;
        this.audit = audit;
        this.clock = clock;
    }

    /** WAIT keeps the backorder; returns its id. */
    @WithTransaction
    public Uni<UUID> wait(Caller caller, UUID backorderId) {
        return openBackorderOf(caller, backorderId).chain(backorder -> {
            OffsetDateTime now = Times.now(clock);
            backorder.decision = BackorderDecision.WAIT;
            backorder.updatedAt = now;
            return audit.record(backorder.orderId, "BACKORDER_DECISION", null, null, caller.actor(), "WAIT",
                    Map.of("backorderId", backorder.id.toString(), "decision", "WAIT"), now)
                    .chain(() -> backorders.flush())
                    .replaceWith(backorder.id);
        });
    }

    /**
     * CANCEL goes through the partial cancellation (refund, totals, status). Its quantity is this
     * backorder's; the line's open backorders are equivalent, so which row carries the cancel does not
     * matter to the customer.
     */
    @WithTransaction
    public Uni<UUID> cancel(Caller caller, UUID backorderId) {
        // The cancellation joins this transaction (a nested @WithTransaction runs in the current one).
        return openBackorderOf(caller, backorderId).chain(backorder -> cancellations.cancelLines(caller,
                backorder.orderId, List.of(new CancelLine(backorder.orderLineId, backorder.quantity)),
                "backorder cancelled by the customer").replaceWith(backorderId));
    }

    private Uni<io.oms.backorder.persistence.BackorderEntity> openBackorderOf(Caller caller, UUID backorderId) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        return backorders.findById(backorderId).chain(backorder -> {
            if (backorder == null) {
                throw new NotFoundException("Backorder", backorderId);
            }
            return orders.findById(backorder.orderId).map(order -> {
                if (!OrderAccess.maySee(caller, order.customerId)) {
                    throw new NotFoundException("Backorder", backorderId);
                }
                if (backorder.status != BackorderStatus.OPEN) {
                    throw new ValidationException("backorderId", "this backorder is " + backorder.status
                            + "; only an open one can be answered");
                }
                return backorder;
            });
        });
    }
}

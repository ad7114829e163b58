package io.oms.order.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.backorder.app.BackorderDecisions;
import io.oms.backorder.app.Backorders;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.GiveBack;
import io.oms.fulfillment.domain.Shipment;
import io.oms.idempotency.RequestKeys;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Caller;
import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.InvalidTransitionException;
import io.oms.kernel.Money;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.Text;
import io.oms.kernel.Times;
import io.oms.notification.Outbox;
import io.oms.order.domain.CancelLine;
import io.oms.order.domain.Cancellation;
import io.oms.order.domain.Cancellation.LineState;
import io.oms.order.domain.Cancellation.LineTake;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderAccess;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.OrderTotals;
import io.oms.order.persistence.Refunds;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Cancels what is not picked yet, in one transaction: backordered quantity first, then quantity in open
 * fulfillment orders (releasing its reservation, shrinking or cancelling the fulfillment order), records a
 * refund for exactly what was cancelled, recomputes the totals and re-derives the order's status. The
 * order row is locked first, so a cancellation and a warehouse step on the same order apply one at a time.
 */
@ApplicationScoped
public class CancellationService {
    private static final Logger LOG = Logger.getLogger(CancellationService.class);
    private static final List<FulfillmentOrderStatus> STARTED = List.of(
            FulfillmentOrderStatus.PICKING,
            FulfillmentOrderStatus.PICKED,
            FulfillmentOrderStatus.PACKED,
            FulfillmentOrderStatus.SHIPPED,
            FulfillmentOrderStatus.DELIVERED);

    private final Transactions transactions;
    private final Orders orders;
    private final Shipments shipments;
    private final Backorders backorders;
    private final BackorderDecisions decisions;
    private final Refunds refunds;
    private final AuditLog audit;
    private final Outbox outbox;
    private final StatusFollower follower;
    private final OrderConfig config;
    private final RequestKeys requestKeys;
    private final Clock clock;

    public CancellationService(
            Transactions transactions,
            Orders orders,
            Shipments shipments,
            Backorders backorders,
            BackorderDecisions decisions,
            Refunds refunds,
            AuditLog audit,
            Outbox outbox,
            StatusFollower follower,
            OrderConfig config,
            RequestKeys requestKeys,
            Clock clock) {
        this.requestKeys = requestKeys;
        this.transactions = transactions;
        this.orders = orders;
        this.shipments = shipments;
        this.backorders = backorders;
        this.decisions = decisions;
        this.refunds = refunds;
        this.audit = audit;
        this.outbox = outbox;
        this.follower = follower;
        this.config = config;
        this.clock = clock;
    }

    /** Who asks, which decides what may be cancelled. */
    private enum Mode {
        /** A customer: only what is not being picked, and no line of which anything is being picked. */
        CUSTOMER,
        /** An admin or the payment provider: also what is being picked (not yet picked). */
        PRIVILEGED
    }

    /** Cancels the given quantities; customers may cancel their own lines while nothing in them is picked. */
    public Uni<OrderSnapshot> cancelLines(
            Caller caller, UUID orderId, List<CancelLine> lines, String reason, String idempotencyKey) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        String why = reason(reason);
        String key = key(idempotencyKey);
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "cancelOrderLines",
                        orderId + "|" + lines + "|" + why,
                        now,
                        () -> lockVisible(tx, caller, orderId)
                                .chain(order -> cancel(
                                        tx,
                                        caller,
                                        order,
                                        why,
                                        EventType.LINES_CANCELLED,
                                        state -> lines,
                                        false,
                                        caller.isAdmin() ? Mode.PRIVILEGED : Mode.CUSTOMER,
                                        now))
                                .replaceWith(new JsonObject()))
                .chain(() -> orders.snapshot(tx, orderId)));
    }

    /** Cancels everything still cancellable; refused once anything has shipped. */
    public Uni<OrderSnapshot> cancelOrder(Caller caller, UUID orderId, String reason, String idempotencyKey) {
        caller.require(Role.ADMIN);
        String why = reason(reason);
        String key = key(idempotencyKey);
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "cancelOrder",
                        orderId + "|" + why,
                        now,
                        () -> lockVisible(tx, caller, orderId)
                                .chain(order ->
                                        cancelEverything(tx, caller, order, why, EventType.ORDER_CANCELLED, false, now))
                                .replaceWith(new JsonObject()))
                .chain(() -> orders.snapshot(tx, orderId)));
    }

    /**
     * A chargeback (the payment provider moves the order to CANCELLED): exactly what cancelOrder does, in the
     * caller's transaction, which has locked the order and checked the caller. Units already picked cannot be
     * cancelled, so then the order cannot become CANCELLED: INSUFFICIENT_QUANTITY, and nothing changes.
     */
    public Uni<UUID> cancelEverything(Tx tx, Caller caller, Order locked, String reason, OffsetDateTime now) {
        return cancelEverything(tx, caller, locked, reason, EventType.ORDER_CANCELLED, true, now);
    }

    /**
     * REFUNDED: what is not shipped yet is cancelled (stock released, refunded), then what shipped is refunded
     * too, and the order is REFUNDED: everything that was paid has been given back.
     */
    public Uni<UUID> refundEverything(Tx tx, Caller caller, Order locked, String reason, OffsetDateTime now) {
        if (!locked.status().canMoveTo(OrderStatus.REFUNDED)) {
            throw new InvalidTransitionException("An order", locked.status(), OrderStatus.REFUNDED);
        }
        return orders.lines(tx, locked.id()).chain(lines -> {
            boolean somethingToCancel = lines.stream()
                    .anyMatch(l -> l.quantities().active() > l.quantities().shipped());
            Uni<Void> cancelled = somethingToCancel
                    ? cancel(
                                    tx,
                                    caller,
                                    locked,
                                    reason,
                                    EventType.LINES_CANCELLED,
                                    CancellationService::everything,
                                    false,
                                    Mode.PRIVILEGED,
                                    now)
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return cancelled.chain(() -> refundShipped(tx, caller, locked.id(), reason, now));
        });
    }

    /** The refund of every shipped unit, then the move to REFUNDED. */
    private Uni<UUID> refundShipped(Tx tx, Caller caller, UUID orderId, String reason, OffsetDateTime now) {
        return orders.lock(tx, orderId)
                .chain(order -> orders.lines(tx, orderId).chain(lines -> {
                    if (lines.stream()
                            .anyMatch(l ->
                                    l.quantities().active() > l.quantities().shipped())) {
                        throw new InsufficientQuantityException("order " + order.number()
                                + " has units that are being packed; refund it once they have shipped");
                    }
                    Currency currency = Currency.getInstance(order.currency());
                    List<Refunds.RefundLine> refundLines = lines.stream()
                            .filter(l -> l.quantities().shipped() > 0)
                            .map(l -> new Refunds.RefundLine(
                                    l.id(),
                                    l.quantities().shipped(),
                                    Money.round(
                                            l.unitPrice()
                                                    .multiply(BigDecimal.valueOf(
                                                            l.quantities().shipped())),
                                            currency)))
                            .toList();
                    BigDecimal refund = order.paid()
                            ? refundLines.stream()
                                    .map(Refunds.RefundLine::amount)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                            : BigDecimal.ZERO;
                    order.settle(OrderTotals.ofActive(lines, currency), refund, now);
                    OrderStatus from = order.moveTo(OrderStatus.REFUNDED, now);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("refund", refund);
                    details.put("paid", order.paid());
                    return (refund.signum() > 0
                                    ? refunds.record(tx, orderId, refund, reason, caller.actor(), refundLines, now)
                                            .replaceWithVoid()
                                    : Uni.createFrom().voidItem())
                            .chain(() -> orders.save(tx, order, lines))
                            .chain(() -> audit.record(
                                    tx,
                                    new AuditEntry(
                                            orderId,
                                            EventType.STATUS_CHANGED,
                                            from.name(),
                                            OrderStatus.REFUNDED.name(),
                                            caller.actor(),
                                            reason,
                                            details,
                                            now)))
                            .replaceWith(orderId);
                }));
    }

    /**
     * The customer's CANCEL answer to a backorder: the answer is recorded and audited, and exactly that backorder's
     * quantity is cancelled with its refund, even while other units of the line are being picked (backordered
     * units are never picked).
     */
    public Uni<BackorderSnapshot> cancelBackorder(Caller caller, UUID backorderId, String idempotencyKey) {
        String key = key(idempotencyKey);
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "respondToBackorder",
                        backorderId + "|CANCEL",
                        now,
                        () -> decisions
                                .openBackorderOf(tx, caller, backorderId)
                                .chain(backorder -> decisions
                                        .record(tx, caller, backorder, BackorderDecision.CANCEL, now)
                                        .chain(() -> orders.lock(tx, backorder.orderId()))
                                        .chain(order -> cancelExactly(tx, caller, order, backorder, now)))
                                .replaceWith(new JsonObject()))
                .chain(() -> backorders.snapshot(tx, backorderId)));
    }

    private Uni<UUID> cancelExactly(
            Tx tx, Caller caller, Order order, BackorderSnapshot backorder, OffsetDateTime now) {
        return orders.lines(tx, order.id()).chain(lines -> {
            OrderLine line = lines.stream()
                    .filter(l -> l.id().equals(backorder.orderLineId()))
                    .findFirst()
                    .orElseThrow();
            BigDecimal refund = Money.round(
                    line.unitPrice().multiply(BigDecimal.valueOf(backorder.quantity())),
                    Currency.getInstance(order.currency()));
            LineTake take = new LineTake(line.id(), 0, backorder.quantity(), 0, refund);
            return apply(
                    tx,
                    caller,
                    order,
                    lines,
                    List.of(),
                    List.of(take),
                    "backorder cancelled by the customer",
                    EventType.LINES_CANCELLED,
                    now,
                    t -> backorders.cancelExactly(tx, backorder.id(), now));
        });
    }

    /** The order locked, when the caller may see it; another customer's order is indistinguishable from none. */
    private Uni<Order> lockVisible(Tx tx, Caller caller, UUID orderId) {
        return orders.lock(tx, orderId)
                .onFailure(NotFoundException.class)
                .recoverWithNull()
                .map(order -> {
                    if (order == null || !OrderAccess.maySee(caller, order.customerId())) {
                        throw new NotFoundException("Order", orderId);
                    }
                    return order;
                });
    }

    private Uni<UUID> cancelEverything(
            Tx tx,
            Caller caller,
            Order order,
            String reason,
            EventType event,
            boolean untilCancelled,
            OffsetDateTime now) {
        return cancel(tx, caller, order, reason, event, CancellationService::everything, true, Mode.PRIVILEGED, now)
                .call(() -> untilCancelled
                        ? orders.lock(tx, order.id()).invoke(after -> {
                            if (after.status() != OrderStatus.CANCELLED) {
                                throw new InsufficientQuantityException("order " + after.number()
                                        + " has units that are already picked; it cannot be cancelled as a whole");
                            }
                        })
                        : Uni.createFrom().voidItem());
    }

    private static List<CancelLine> everything(Map<UUID, LineState> state) {
        return state.values().stream()
                .filter(line -> line.cancellable() > 0)
                .map(line -> new CancelLine(line.orderLineId(), line.cancellable()))
                .toList();
    }

    private Uni<UUID> cancel(
            Tx tx,
            Caller caller,
            Order order,
            String reason,
            EventType event,
            Function<Map<UUID, LineState>, List<CancelLine>> request,
            boolean wholeOrder,
            Mode mode,
            OffsetDateTime now) {
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REFUNDED) {
            throw new InvalidTransitionException("An order", order.status(), OrderStatus.CANCELLED);
        }
        // Customers may not take back what the warehouse has started to pick.
        List<FulfillmentOrderStatus> giving = mode == Mode.PRIVILEGED
                ? List.of(FulfillmentOrderStatus.OPEN, FulfillmentOrderStatus.PICKING)
                : List.of(FulfillmentOrderStatus.OPEN);
        return orders.lines(tx, order.id())
                .chain(lines -> shipments.ofOrder(tx, order.id(), giving).chain(open -> {
                    if (wholeOrder
                            && lines.stream().anyMatch(l -> l.quantities().shipped() > 0)) {
                        throw new InvalidTransitionException("An order", order.status(), OrderStatus.CANCELLED);
                    }
                    Map<UUID, LineState> states = states(lines, open);
                    List<CancelLine> wanted = request.apply(states);
                    if (wanted.isEmpty()) {
                        throw new InsufficientQuantityException("nothing of this order can still be cancelled");
                    }
                    Uni<Void> allowed = mode == Mode.PRIVILEGED
                            ? Uni.createFrom().voidItem()
                            : refuseLinesBeingPicked(tx, order, lines, wanted);
                    return allowed.chain(() -> apply(
                            tx,
                            caller,
                            order,
                            lines,
                            open,
                            Cancellation.plan(wanted, states, Currency.getInstance(order.currency())),
                            reason,
                            event,
                            now,
                            take -> backorders.cancel(tx, order.id(), take.orderLineId(), take.backordered(), now)));
                }));
    }

    /** Customers may cancel a line only while nothing of it is being picked, packed or shipped. */
    private Uni<Void> refuseLinesBeingPicked(Tx tx, Order order, List<OrderLine> lines, List<CancelLine> wanted) {
        return shipments
                .ofOrder(tx, order.id(), STARTED)
                .invoke(started -> {
                    for (CancelLine line : wanted) {
                        boolean touched = started.stream()
                                        .anyMatch(s -> s.lines().stream()
                                                .anyMatch(l -> l.orderLineId().equals(line.orderLineId())))
                                || lines.stream()
                                        .anyMatch(l -> l.id().equals(line.orderLineId())
                                                && l.quantities().shipped() > 0);
                        if (touched) {
                            throw new InsufficientQuantityException("picking of line " + line.orderLineId()
                                    + " has started; it can no longer be cancelled online");
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static Map<UUID, LineState> states(List<OrderLine> lines, List<Shipment> open) {
        Map<UUID, Integer> inOpenShipments = new HashMap<>();
        open.forEach(s -> s.lines().forEach(l -> inOpenShipments.merge(l.orderLineId(), l.quantity(), Integer::sum)));
        Map<UUID, LineState> states = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            states.put(
                    line.id(),
                    new LineState(
                            line.id(),
                            line.quantities(),
                            line.unitPrice(),
                            inOpenShipments.getOrDefault(line.id(), 0)));
        }
        return states;
    }

    private Uni<UUID> apply(
            Tx tx,
            Caller caller,
            Order order,
            List<OrderLine> lines,
            List<Shipment> open,
            List<LineTake> takes,
            String reason,
            EventType event,
            OffsetDateTime now,
            Function<LineTake, Uni<Void>> cancelBackorders) {
        Map<UUID, OrderLine> byId = new HashMap<>();
        lines.forEach(line -> byId.put(line.id(), line));
        Map<UUID, Integer> fromShipments = new LinkedHashMap<>();
        for (LineTake take : takes) {
            byId.get(take.orderLineId()).change(q -> q.cancel(take.unrouted(), take.backordered(), take.allocated()));
            if (take.allocated() > 0) {
                fromShipments.put(take.orderLineId(), take.allocated());
            }
        }
        GiveBack.Plan giveBack = GiveBack.plan(open, fromShipments);
        // Money was taken exactly when a payment was confirmed; only then is there anything to refund.
        boolean paid = order.paid();
        BigDecimal refund =
                paid ? takes.stream().map(LineTake::refund).reduce(BigDecimal.ZERO, BigDecimal::add) : BigDecimal.ZERO;
        Currency currency = Currency.getInstance(order.currency());
        order.settle(OrderTotals.ofActive(lines, currency), refund, now);
        return Multi.createFrom()
                .iterable(takes)
                .onItem()
                .transformToUniAndConcatenate(
                        take -> take.backordered() == 0 ? Uni.createFrom().voidItem() : cancelBackorders.apply(take))
                .collect()
                .asList()
                .chain(() ->
                        shipments.giveBack(tx, giveBack, new Movement("cancelled", caller.actor(), order.id(), now)))
                .chain(() -> paid && refund.signum() > 0
                        ? refunds.record(
                                        tx,
                                        order.id(),
                                        refund,
                                        reason,
                                        caller.actor(),
                                        takes.stream()
                                                .map(t ->
                                                        new Refunds.RefundLine(t.orderLineId(), t.total(), t.refund()))
                                                .toList(),
                                        now)
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> follower.follow(tx, order, lines, caller.actor(), "after cancellation", now))
                .chain(statusChanges -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    entries.add(AuditEntry.of(
                            order.id(), event, caller.actor(), reason, details(takes, refund, paid), now));
                    entries.addAll(statusChanges);
                    return orders.save(tx, order, lines)
                            .chain(() -> audit.recordAll(tx, entries))
                            .chain(() -> outbox.enqueue(
                                    tx,
                                    new Outbox.Notice(
                                                    Outbox.Kind.LINES_CANCELLED,
                                                    order.id(),
                                                    order.email(),
                                                    notice(order, takes, byId, refund, reason, currency))
                                            .mailedOnlyIf(paid, "the order was not paid"),
                                    now));
                })
                .invoke(() -> LOG.infof(
                        "Order %s: %d unit(s) cancelled by %s, refund %s %s",
                        order.number(),
                        takes.stream().mapToInt(LineTake::total).sum(),
                        caller.actor(),
                        refund,
                        order.currency()))
                .replaceWith(order.id());
    }

    private static Map<String, Object> details(List<LineTake> takes, BigDecimal refund, boolean paid) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "lines",
                takes.stream()
                        .map(t -> Map.of(
                                "orderLineId",
                                t.orderLineId().toString(),
                                "quantity",
                                t.total(),
                                "fromBackorders",
                                t.backordered(),
                                "fromShipments",
                                t.allocated(),
                                "amount",
                                t.refund()))
                        .toList());
        details.put("refund", refund);
        details.put("paid", paid);
        return details;
    }

    private static Map<String, Object> notice(
            Order order,
            List<LineTake> takes,
            Map<UUID, OrderLine> lines,
            BigDecimal refund,
            String reason,
            Currency currency) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderNumber", order.number());
        payload.put("reason", reason);
        payload.put(
                "cancelled",
                takes.stream()
                        .map(t -> Map.of(
                                "orderLineId",
                                t.orderLineId().toString(),
                                "sku",
                                lines.get(t.orderLineId()).sku(),
                                "quantity",
                                t.total()))
                        .toList());
        payload.put("refund", refund);
        payload.put("currency", order.currency());
        payload.put("total", Money.round(order.total(), currency));
        return payload;
    }

    private String reason(String reason) {
        return Text.required(reason, "reason", config.maxReasonLength());
    }

    private String key(String idempotencyKey) {
        return Text.optional(idempotencyKey, "idempotencyKey", config.maxIdempotencyKeyLength());
    }
}

package io.oms.order.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.idempotency.RequestKeys;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.kernel.Caller;
import io.oms.kernel.ConflictException;
import io.oms.kernel.InvalidTransitionException;
import io.oms.kernel.Money;
import io.oms.kernel.Role;
import io.oms.kernel.Text;
import io.oms.kernel.Times;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderAccess;
import io.oms.order.domain.OrderRules;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.OrderTotals;
import io.oms.order.domain.PlaceOrder;
import io.oms.order.persistence.IdempotencyKeys;
import io.oms.order.persistence.OrderStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The commands on an order's own lifecycle: placing it, paying it, moving it by hand (a cancellation or refund by
 * hand goes through {@link CancellationService}, so its stock and money are settled). One transaction each, and
 * each answers with the order as it committed.
 */
@ApplicationScoped
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final Set<OrderStatus> DRIVEN_BY_FULFILLMENT = EnumSet.of(
            OrderStatus.AWAITING_FULFILLMENT,
            OrderStatus.PARTIALLY_FULFILLED,
            OrderStatus.FULFILLED,
            OrderStatus.DELIVERED);

    private final Transactions transactions;
    private final Orders orders;
    private final OrderStore store;
    private final IdempotencyKeys idempotencyKeys;
    private final RequestKeys requestKeys;
    private final CancellationService cancellations;
    private final AuditLog audit;
    private final RoutingQueue routing;
    private final OrderRules rules;
    private final OrderConfig config;
    private final Clock clock;

    public OrderService(
            Transactions transactions,
            Orders orders,
            OrderStore store,
            IdempotencyKeys idempotencyKeys,
            RequestKeys requestKeys,
            CancellationService cancellations,
            AuditLog audit,
            RoutingQueue routing,
            OrderRules rules,
            OrderConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.store = store;
        this.idempotencyKeys = idempotencyKeys;
        this.requestKeys = requestKeys;
        this.cancellations = cancellations;
        this.audit = audit;
        this.routing = routing;
        this.rules = rules;
        this.config = config;
        this.clock = clock;
    }

    /** The order placed, and whether this call created it (false: a replay of the same idempotency key). */
    public record Placed(OrderSnapshot order, boolean created) {}

    /**
     * Places an order, or returns the one already placed with the same key by the same caller. The same key
     * with a different request is a CONFLICT: silently returning the first order would hide a client bug.
     */
    public Uni<Placed> placeOrder(Caller caller, PlaceOrder command) {
        String customerId = OrderAccess.customerForNewOrder(caller, command.customerId());
        PlaceOrder order = rules.validate(command);
        String requestHash = RequestHash.of(customerId, order);
        UUID orderId = UUID.randomUUID();
        OffsetDateTime now = now();
        OrderStore.Key key = new OrderStore.Key(caller.actor(), order.idempotencyKey(), requestHash);
        return transactions.run(tx -> insert(tx, key, orderId, customerId, order, caller, now)
                .chain(placed -> placed != null
                        ? Uni.createFrom().item(new Placed(placed, true))
                        : existingOrder(tx, caller, order.idempotencyKey(), requestHash)
                                .chain(id -> orders.snapshot(tx, id))
                                .map(existing -> new Placed(existing, false))));
    }

    private Uni<UUID> existingOrder(Tx tx, Caller caller, String key, String requestHash) {
        return idempotencyKeys.find(tx, caller.actor(), key).map(claim -> {
            if (claim == null) {
                throw new ConflictException("idempotency key is being used; retry");
            }
            if (!claim.requestHash().equals(requestHash)) {
                throw new ConflictException("idempotencyKey " + key + " was already used for a different order");
            }
            return claim.orderId();
        });
    }

    /** The new order with its audit event, or null when the key was claimed before (nothing written then). */
    private Uni<OrderSnapshot> insert(
            Tx tx,
            OrderStore.Key key,
            UUID orderId,
            String customerId,
            PlaceOrder order,
            Caller caller,
            OffsetDateTime now) {
        OrderTotals totals =
                OrderTotals.of(order.lines(), Money.currency(order.currency()).orElseThrow());
        return store.insertClaimed(tx, key, orderId, customerId, order, totals, now)
                .call(placed -> placed == null
                        ? Uni.createFrom().voidItem()
                        : audit.record(
                                tx,
                                new AuditEntry(
                                        orderId,
                                        EventType.ORDER_PLACED,
                                        null,
                                        OrderStatus.PENDING.name(),
                                        caller.actor(),
                                        null,
                                        Map.of(
                                                "lines", order.lines().size(),
                                                "total", totals.total(),
                                                "currency", order.currency(),
                                                "idempotencyKey", order.idempotencyKey()),
                                        now)))
                .invoke(placed -> {
                    if (placed != null) {
                        LOG.infof(
                                "Order %d placed for customer %s: %d lines, total %s %s",
                                placed.number(), customerId, order.lines().size(), totals.total(), order.currency());
                    }
                });
    }

    /** What moving an order by hand asks for. */
    public record Transition(
            UUID orderId,
            OrderStatus target,
            String note,
            Long expectedVersion,
            String paymentReference,
            String idempotencyKey) {}

    /**
     * Moves an order along the transition table of DESIGN.md; anything else is INVALID_TRANSITION. PAID needs the
     * payment's reference (money was taken: a later cancellation refunds it) and queues routing; CANCELLED settles
     * the order exactly as cancelOrder does (a chargeback: stock released, lines cancelled, refund, notice);
     * REFUNDED returns everything that was paid.
     */
    public Uni<OrderSnapshot> transition(Caller caller, Transition command) {
        OrderAccess.checkTransition(caller, command.target());
        String note = Text.optional(command.note(), "note", config.maxNoteLength());
        String reference = command.target() == OrderStatus.PAID
                ? Text.required(command.paymentReference(), "paymentReference", config.maxPaymentReferenceLength())
                : null;
        String key = Text.optional(command.idempotencyKey(), "idempotencyKey", config.maxIdempotencyKeyLength());
        OffsetDateTime now = now();
        String request = command.orderId() + "|" + command.target() + "|" + note + "|" + reference;
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "transitionOrder",
                        request,
                        now,
                        () -> load(tx, command.orderId(), command.expectedVersion())
                                .chain(order -> {
                                    refuseWhatOtherCommandsDrive(order, command.target());
                                    return switch (command.target()) {
                                        case CANCELLED ->
                                            cancellations.cancelEverything(
                                                    tx,
                                                    caller,
                                                    order,
                                                    reason(note, "cancelled by " + caller.actor()),
                                                    now);
                                        case REFUNDED ->
                                            cancellations.refundEverything(
                                                    tx,
                                                    caller,
                                                    order,
                                                    reason(note, "refunded by " + caller.actor()),
                                                    now);
                                        case PAID -> {
                                            order.recordPayment(reference, now);
                                            yield changeStatus(
                                                            tx,
                                                            order,
                                                            OrderStatus.PAID,
                                                            EventType.STATUS_CHANGED,
                                                            caller,
                                                            note,
                                                            Map.of("paymentReference", reference),
                                                            now)
                                                    // Paid by hand (a bank transfer): routing follows as after
                                                    // confirmPayment.
                                                    .call(() -> routing.enqueue(tx, order.id(), now))
                                                    .map(OrderSnapshot::id);
                                        }
                                        default ->
                                            changeStatus(
                                                            tx,
                                                            order,
                                                            command.target(),
                                                            EventType.STATUS_CHANGED,
                                                            caller,
                                                            note,
                                                            Map.of(),
                                                            now)
                                                    .map(OrderSnapshot::id);
                                    };
                                })
                                .map(id -> new JsonObject().put("orderId", id.toString())))
                .chain(result -> orders.snapshot(tx, UUID.fromString(result.getString("orderId")))));
    }

    private static String reason(String note, String fallback) {
        return note == null ? fallback : note;
    }

    /**
     * Fulfillment statuses follow the shipments (routing, shipping, delivery); setting them by hand would
     * leave stock reserved and lines unshipped behind a status that says otherwise.
     */
    private static void refuseWhatOtherCommandsDrive(Order order, OrderStatus target) {
        if (DRIVEN_BY_FULFILLMENT.contains(target)) {
            throw new InvalidTransitionException(
                    order.status(), target, target + " follows the order's shipments; it cannot be set by hand");
        }
    }

    /** Records the payment and moves the order to PAID (from PENDING or PAYMENT_PROCESSING). */
    public Uni<OrderSnapshot> confirmPayment(
            Caller caller, UUID orderId, String paymentReference, Long expectedVersion, String idempotencyKey) {
        caller.require(Role.PAYMENTS, Role.ADMIN);
        String reference = Text.required(paymentReference, "paymentReference", config.maxPaymentReferenceLength());
        String key = Text.optional(idempotencyKey, "idempotencyKey", config.maxIdempotencyKeyLength());
        OffsetDateTime now = now();
        return transactions.run(tx -> {
            // The order as this payment wrote it; a retried callback or a replayed key reads it instead.
            AtomicReference<OrderSnapshot> paid = new AtomicReference<>();
            return requestKeys
                    .once(
                            tx,
                            caller,
                            key,
                            "confirmPayment",
                            orderId + "|" + reference,
                            now,
                            () -> load(tx, orderId, expectedVersion)
                                    .chain(order -> {
                                        if (order.status() != OrderStatus.PENDING
                                                && order.status() != OrderStatus.PAYMENT_PROCESSING
                                                && reference.equals(order.paymentReference())) {
                                            // A payment provider retrying its callback must not fail nor write a
                                            // second event.
                                            return Uni.createFrom().item(order.id());
                                        }
                                        order.recordPayment(reference, now);
                                        // The routing job is written in the same transaction: a paid order is never
                                        // left unqueued.
                                        return changeStatus(
                                                        tx,
                                                        order,
                                                        OrderStatus.PAID,
                                                        EventType.PAYMENT_CONFIRMED,
                                                        caller,
                                                        null,
                                                        Map.of("paymentReference", reference),
                                                        now)
                                                .invoke(paid::set)
                                                .call(() -> routing.enqueue(tx, order.id(), now))
                                                .map(OrderSnapshot::id);
                                    })
                                    .map(id -> new JsonObject().put("orderId", id.toString())))
                    .chain(result ->
                            paid.get() != null ? Uni.createFrom().item(paid.get()) : orders.snapshot(tx, orderId));
        });
    }

    /** Moves the order and records the event; answers the order as the update left it. */
    private Uni<OrderSnapshot> changeStatus(
            Tx tx,
            Order order,
            OrderStatus target,
            EventType event,
            Caller caller,
            String note,
            Map<String, Object> details,
            OffsetDateTime now) {
        OrderStatus from = order.moveTo(target, now);
        return orders.saveAndSnapshot(tx, order)
                .call(() -> audit.record(
                        tx,
                        new AuditEntry(
                                order.id(), event, from.name(), target.name(), caller.actor(), note, details, now)))
                .invoke(() -> LOG.infof("Order %d: %s -> %s by %s", order.number(), from, target, caller.actor()));
    }

    /** The order locked, refused with CONFLICT when the client read an older version. */
    private Uni<Order> load(Tx tx, UUID orderId, Long expectedVersion) {
        return orders.lock(tx, orderId).invoke(order -> {
            if (expectedVersion != null && expectedVersion != order.version()) {
                throw new ConflictException("order " + orderId + " is at version " + order.version() + ", not "
                        + expectedVersion + "; read it again");
            }
        });
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

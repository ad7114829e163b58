package io.oms.order.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.order.domain.InvalidTransitionException;
import io.oms.order.domain.NewOrderLine;
import io.oms.order.domain.OrderAccess;
import io.oms.order.domain.OrderRules;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.OrderTotals;
import io.oms.order.domain.PlaceOrder;
import io.oms.order.persistence.IdempotencyKeys;
import io.oms.order.persistence.OrderEntity;
import io.oms.order.persistence.OrderLineEntity;
import io.oms.order.persistence.OrderLineRepository;
import io.oms.order.persistence.OrderRepository;
import io.oms.routing.persistence.RoutingJobs;
import io.oms.kernel.Caller;
import io.oms.kernel.ConflictException;
import io.oms.kernel.Money;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.ValidationException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The commands on an order. Each public method is one transaction and returns the order's id. */
@ApplicationScoped
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final java.util.Set<OrderStatus> DRIVEN_BY_FULFILLMENT = java.util.EnumSet.of(
            OrderStatus.AWAITING_FULFILLMENT, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED,
            OrderStatus.DELIVERED);

    private final OrderRepository orders;
    private final IdempotencyKeys idempotencyKeys;
    private final AuditRecorder audit;
    private final Clock clock;
    private final OrderRules rules;
    private final RoutingJobs routingJobs;
    private final OrderLineRepository orderLines;

    public OrderService(OrderRepository orders, IdempotencyKeys idempotencyKeys, AuditRecorder audit, Clock clock,
            OrderRules rules, RoutingJobs routingJobs, OrderLineRepository orderLines) {
        this.routingJobs = routingJobs;
        this.orderLines = orderLines;
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.audit = audit;
        this.clock = clock;
        this.rules = rules;
    }

    /**
     * Places an order, or returns the one already placed with the same key by the same caller. The same key
     * with a different request is a CONFLICT: silently returning the first order would hide a client bug.
     */
    /** The order placed, and whether this call created it (false: a replay of the same idempotency key). */
    public record Placed(UUID orderId, boolean created) {
    }

    @WithTransaction
    public Uni<Placed> placeOrder(Caller caller, PlaceOrder command) {
        String customerId = OrderAccess.customerForNewOrder(caller, command.customerId());
        PlaceOrder order = rules.validate(command);
        String requestHash = RequestHash.of(customerId, order);
        UUID orderId = UUID.randomUUID();
        OffsetDateTime now = now();
        return idempotencyKeys.claim(caller.actor(), order.idempotencyKey(), orderId, requestHash, now)
                .chain(claimed -> claimed
                        ? insert(orderId, customerId, order, caller, now).map(id -> new Placed(id, true))
                        : existingOrder(caller, order.idempotencyKey(), requestHash)
                                .map(id -> new Placed(id, false)));
    }

    private Uni<UUID> existingOrder(Caller caller, String key, String requestHash) {
        return idempotencyKeys.find(caller.actor(), key).map(found -> {
            var claim = found.orElseThrow(() -> new ConflictException("idempotency key is being used; retry"));
            if (!claim.requestHash().equals(requestHash)) {
                throw new ConflictException("idempotencyKey " + key + " was already used for a different order");
            }
            return claim.orderId();
        });
    }

    private Uni<UUID> insert(UUID orderId, String customerId, PlaceOrder order, Caller caller, OffsetDateTime now) {
        OrderTotals totals = OrderTotals.of(order.lines(), Money.currency(order.currency()).orElseThrow());
        return orders.nextOrderNumber().chain(number -> {
            OrderEntity entity = newOrder(orderId, number, customerId, order, totals, now);
            List<OrderLineEntity> lines = newLines(orderId, order.lines());
            return orders.persistWithLines(entity, lines)
                    .chain(() -> audit.record(orderId, "ORDER_PLACED", null, OrderStatus.PENDING.name(),
                            caller.actor(), null, Map.of("lines", lines.size(), "total", totals.total(),
                                    "currency", order.currency(), "idempotencyKey", order.idempotencyKey()),
                            now))
                    .invoke(() -> LOG.infof("Order %d placed for customer %s: %d lines, total %s %s", number,
                            customerId, lines.size(), totals.total(), order.currency()))
                    .replaceWith(orderId);
        });
    }

    /** Moves an order along the transition table of DESIGN.md; anything else is INVALID_TRANSITION. */
    @WithTransaction
    public Uni<UUID> transition(Caller caller, UUID orderId, OrderStatus target, String note, Long expectedVersion) {
        OrderAccess.checkTransition(caller, target);
        String cleanNote = note(note);
        return load(orderId, expectedVersion)
                .invoke(order -> refuseWhatOtherCommandsDrive(order, target))
                .chain(order -> refuseCancellingHeldStock(order, target))
                .chain(order -> changeStatus(order, target, "STATUS_CHANGED", caller, cleanNote, Map.of())
                        // Marked paid by hand (a bank transfer, say): routing must follow as after confirmPayment.
                        .call(() -> target == OrderStatus.PAID ? routingJobs.enqueue(order.id, order.updatedAt)
                                : Uni.createFrom().voidItem()));
    }

    /**
     * Fulfillment statuses follow the shipments (routing, shipping, delivery); setting them by hand would
     * leave stock reserved and lines unshipped behind a status that says otherwise.
     */
    private static void refuseWhatOtherCommandsDrive(OrderEntity order, OrderStatus target) {
        if (DRIVEN_BY_FULFILLMENT.contains(target)) {
            throw new InvalidTransitionException(order.status, target, target
                    + " follows the order's shipments; it cannot be set by hand");
        }
    }

    /**
     * Moving a routed order to CANCELLED by hand would leave its reservations and backorders behind; only a
     * cancellation that releases them may do that.
     */
    private Uni<OrderEntity> refuseCancellingHeldStock(OrderEntity order, OrderStatus target) {
        if (target != OrderStatus.CANCELLED && target != OrderStatus.REFUNDED) {
            return Uni.createFrom().item(order);
        }
        return orderLines.linesOf(order.id).map(lines -> {
            if (lines.stream().anyMatch(l -> l.quantityAllocated > 0 || l.quantityBackordered > 0)) {
                throw new ConflictException("order " + order.number + " holds allocated or backordered stock;"
                        + " cancel it with cancelOrder or cancelOrderLines, which release it");
            }
            return order;
        });
    }

    /** Records the payment and moves the order to PAID (from PENDING or PAYMENT_PROCESSING). */
    @WithTransaction
    public Uni<UUID> confirmPayment(Caller caller, UUID orderId, String paymentReference, Long expectedVersion) {
        caller.require(Role.PAYMENTS, Role.ADMIN);
        if (paymentReference == null || paymentReference.isBlank() || paymentReference.strip().length() > 200) {
            throw new ValidationException("paymentReference", "paymentReference must be 1-200 characters");
        }
        String reference = paymentReference.strip();
        return load(orderId, expectedVersion).chain(order -> {
            if (order.status != OrderStatus.PENDING && order.status != OrderStatus.PAYMENT_PROCESSING
                    && reference.equals(order.paymentReference)) {
                // A payment provider retrying its callback must not fail nor write a second event.
                return Uni.createFrom().item(order.id);
            }
            order.paymentReference = reference;
            // The routing job is written in the same transaction: a paid order is never left unqueued.
            return changeStatus(order, OrderStatus.PAID, "PAYMENT_CONFIRMED", caller, null,
                    Map.of("paymentReference", reference))
                    .call(() -> routingJobs.enqueue(order.id, order.updatedAt));
        });
    }

    private Uni<UUID> changeStatus(OrderEntity order, OrderStatus target, String eventType, Caller caller,
            String note, Map<String, Object> details) {
        OrderStatus from = order.status;
        order.status = from.moveTo(target);
        order.updatedAt = now();
        return audit.record(order.id, eventType, from.name(), target.name(), caller.actor(), note, details,
                        order.updatedAt)
                .chain(() -> orders.flush())
                .invoke(() -> LOG.infof("Order %d: %s -> %s by %s", order.number, from, target, caller.actor()))
                .replaceWith(order.id);
    }

    private Uni<OrderEntity> load(UUID orderId, Long expectedVersion) {
        return orders.findById(orderId).map(order -> {
            if (order == null) {
                throw new NotFoundException("Order", orderId);
            }
            if (expectedVersion != null && expectedVersion != order.version) {
                throw new ConflictException("order " + orderId + " is at version " + order.version
                        + ", not " + expectedVersion + "; read it again");
            }
            return order;
        });
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > 2000) {
            throw new ValidationException("note", "note may have at most 2000 characters");
        }
        return note.strip();
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }

    private static OrderEntity newOrder(UUID id, long number, String customerId, PlaceOrder order,
            OrderTotals totals, OffsetDateTime now) {
        OrderEntity entity = new OrderEntity();
        entity.id = id;
        entity.number = number;
        entity.customerId = customerId;
        entity.email = order.email();
        entity.currency = order.currency();
        entity.status = OrderStatus.PENDING;
        entity.splitPolicy = order.splitPolicy();
        var address = order.shippingAddress();
        entity.shipName = address.name();
        entity.shipLine1 = address.line1();
        entity.shipLine2 = address.line2();
        entity.shipCity = address.city();
        entity.shipRegion = address.region();
        entity.shipPostalCode = address.postalCode();
        entity.shipCountry = address.country();
        entity.shipLatitude = address.latitude();
        entity.shipLongitude = address.longitude();
        entity.subtotal = totals.subtotal();
        entity.total = totals.total();
        entity.refundedTotal = BigDecimal.ZERO;
        entity.placedAt = now;
        entity.updatedAt = now;
        return entity;
    }

    private static List<OrderLineEntity> newLines(UUID orderId, List<NewOrderLine> lines) {
        List<OrderLineEntity> entities = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            NewOrderLine line = lines.get(i);
            OrderLineEntity entity = new OrderLineEntity();
            entity.id = UUID.randomUUID();
            entity.orderId = orderId;
            entity.lineNo = i + 1;
            entity.sku = line.sku();
            entity.quantity = line.quantity();
            entity.unitPrice = line.unitPrice();
            entities.add(entity);
        }
        return entities;
    }
}

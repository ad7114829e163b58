package io.oms.order.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.persistence.BackorderEntity;
import io.oms.backorder.persistence.BackorderRepository;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.persistence.FulfillmentOrderEntity;
import io.oms.fulfillment.persistence.FulfillmentOrderRepository;
import io.oms.inventory.persistence.Reservations;
import io.oms.notification.Outbox;
import io.oms.order.domain.CancelLine;
import io.oms.order.domain.Cancellation;
import io.oms.order.domain.Cancellation.LineState;
import io.oms.order.domain.Cancellation.LineTake;
import io.oms.order.domain.InvalidTransitionException;
import io.oms.order.domain.LineProgress;
import io.oms.order.domain.OrderAccess;
import io.oms.order.domain.OrderStatus;
import io.oms.order.persistence.OrderEntity;
import io.oms.order.persistence.OrderLineEntity;
import io.oms.order.persistence.OrderLineRepository;
import io.oms.order.persistence.OrderRepository;
import io.oms.order.persistence.Refunds;
import io.oms.kernel.Caller;
import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.Money;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.ValidationException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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
    private static final int MAX_REASON = 500;

    private final OrderRepository orders;
    private final OrderLineRepository orderLines;
    private final FulfillmentOrderRepository fulfillmentOrders;
    private final BackorderRepository backorders;
    private final Reservations stock;
    private final Refunds refunds;
    private final AuditRecorder audit;
    private final Outbox outbox;
    private final OrderStatusFollower follower;
    private final Clock clock;

    public CancellationService(OrderRepository orders, OrderLineRepository orderLines,
            FulfillmentOrderRepository fulfillmentOrders, BackorderRepository backorders, Reservations stock,
            Refunds refunds, AuditRecorder audit, Outbox outbox, OrderStatusFollower follower, Clock clock) {
        this.follower = follower;
        this.orders = orders;
        this.orderLines = orderLines;
        this.fulfillmentOrders = fulfillmentOrders;
        this.backorders = backorders;
        this.stock = stock;
        this.refunds = refunds;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Cancels the given quantities; customers may cancel their own lines while nothing in them is picked. */
    @WithTransaction
    public Uni<UUID> cancelLines(Caller caller, UUID orderId, List<CancelLine> lines, String reason) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        return cancel(caller, orderId, reason, "LINES_CANCELLED", state -> lines, false);
    }

    /** Cancels everything still cancellable; refused once anything has shipped. */
    @WithTransaction
    public Uni<UUID> cancelOrder(Caller caller, UUID orderId, String reason) {
        caller.require(Role.ADMIN);
        return cancel(caller, orderId, reason, "ORDER_CANCELLED", state -> state.values().stream()
                .filter(line -> line.cancellable() > 0)
                .map(line -> new CancelLine(line.orderLineId(), line.cancellable()))
                .toList(), true);
    }

    /** An open fulfillment order with its lines; picking may already have started. */
    private record OpenShipment(FulfillmentOrderEntity fulfillmentOrder, List<FulfillmentOrderRepository.Line> lines) {
    }

    private Uni<UUID> cancel(Caller caller, UUID orderId, String rawReason, String eventType,
            Function<Map<UUID, LineState>, List<CancelLine>> request, boolean wholeOrder) {
        String reason = reason(rawReason);
        OffsetDateTime now = now();
        return orders.findForUpdate(orderId).chain(order -> {
            if (order == null) {
                throw new NotFoundException("Order", orderId);
            }
            if (!OrderAccess.maySee(caller, order.customerId)) {
                // As for reading: another customer's order is indistinguishable from no order.
                throw new NotFoundException("Order", orderId);
            }
            if (order.status == OrderStatus.CANCELLED || order.status == OrderStatus.REFUNDED) {
                throw new InvalidTransitionException(order.status, OrderStatus.CANCELLED);
            }
            // Customers may not take back what the warehouse has started to pick.
            List<FulfillmentOrderStatus> cancellable = caller.isAdmin()
                    ? List.of(FulfillmentOrderStatus.OPEN, FulfillmentOrderStatus.PICKING)
                    : List.of(FulfillmentOrderStatus.OPEN);
            return orderLines.linesOf(orderId).chain(lines -> openShipments(orderId, cancellable)
                    .chain(shipments -> {
                        if (wholeOrder && lines.stream().anyMatch(l -> l.quantityShipped > 0)) {
                            throw new InvalidTransitionException(order.status, OrderStatus.CANCELLED);
                        }
                        Map<UUID, LineState> states = states(lines, shipments);
                        List<CancelLine> wanted = request.apply(states);
                        if (wanted.isEmpty()) {
                            throw new InsufficientQuantityException("nothing of this order can still be cancelled");
                        }
                        Uni<List<CancelLine>> allowed = caller.isAdmin() ? Uni.createFrom().item(wanted)
                                : refuseLinesBeingPicked(orderId, lines, wanted);
                        return allowed.chain(checked -> apply(caller, order, lines, shipments,
                                Cancellation.plan(checked, states, Currency.getInstance(order.currency)), reason,
                                eventType, now));
                    }));
        });
    }

    /** Customers may cancel a line only while nothing of it is being picked, packed or shipped. */
    private Uni<List<CancelLine>> refuseLinesBeingPicked(UUID orderId, List<OrderLineEntity> lines,
            List<CancelLine> wanted) {
        return openShipments(orderId, List.of(FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PICKED,
                FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.SHIPPED, FulfillmentOrderStatus.DELIVERED))
                .map(started -> {
                    for (CancelLine line : wanted) {
                        boolean touched = started.stream().anyMatch(s -> s.lines().stream()
                                .anyMatch(l -> l.orderLineId().equals(line.orderLineId())))
                                || lines.stream().anyMatch(l -> l.id.equals(line.orderLineId()) && l.quantityShipped > 0);
                        if (touched) {
                            throw new InsufficientQuantityException("picking of line " + line.orderLineId()
                                    + " has started; it can no longer be cancelled online");
                        }
                    }
                    return wanted;
                });
    }

    private Uni<List<OpenShipment>> openShipments(UUID orderId, List<FulfillmentOrderStatus> statuses) {
        return fulfillmentOrders.list("orderId = ?1 and status in ?2 order by createdAt desc, id", orderId, statuses)
                .chain(fos -> Multi.createFrom().iterable(fos)
                        .onItem().transformToUniAndConcatenate(fo -> fulfillmentOrders.linesOf(fo.id)
                                .map(lines -> new OpenShipment(fo, new ArrayList<>(lines))))
                        .collect().asList());
    }

    private static Map<UUID, LineState> states(List<OrderLineEntity> lines, List<OpenShipment> shipments) {
        Map<UUID, Integer> inOpenShipments = new HashMap<>();
        shipments.forEach(s -> s.lines().forEach(l -> inOpenShipments.merge(l.orderLineId(), l.quantity(),
                Integer::sum)));
        Map<UUID, LineState> states = new LinkedHashMap<>();
        for (OrderLineEntity line : lines) {
            states.put(line.id, new LineState(line.id, progress(line), line.unitPrice,
                    inOpenShipments.getOrDefault(line.id, 0)));
        }
        return states;
    }

    private Uni<UUID> apply(Caller caller, OrderEntity order, List<OrderLineEntity> lines,
            List<OpenShipment> shipments, List<LineTake> takes, String reason, String eventType, OffsetDateTime now) {
        Map<UUID, OrderLineEntity> byId = new HashMap<>();
        lines.forEach(line -> byId.put(line.id, line));
        // Shipments not yet started give back first, newest first; PICKING ones only when they must.
        List<OpenShipment> givingBack = shipments.stream()
                .sorted(Comparator.comparing((OpenShipment s) -> s.fulfillmentOrder().status)
                        .thenComparing(s -> s.fulfillmentOrder().createdAt, Comparator.reverseOrder()))
                .toList();
        Uni<Void> work = Uni.createFrom().voidItem();
        List<Shrink> shrinks = new ArrayList<>();
        for (LineTake take : takes) {
            OrderLineEntity line = byId.get(take.orderLineId());
            line.quantityCancelled += take.total();
            line.quantityBackordered -= take.backordered();
            line.quantityAllocated -= take.allocated();
            shrinks.addAll(shrinks(givingBack, line, take.allocated()));
            work = work.chain(() -> cancelBackorders(order.id, line.id, take.backordered(), now));
        }
        work = work.chain(() -> applyShrinks(shrinks, order.id, caller, now));
        // Money was taken exactly when a payment was confirmed; only then is there anything to refund.
        boolean paid = order.paymentReference != null;
        BigDecimal refund = paid ? takes.stream().map(LineTake::refund).reduce(BigDecimal.ZERO, BigDecimal::add)
                : BigDecimal.ZERO;
        Currency currency = Currency.getInstance(order.currency);
        return work
                .chain(() -> paid && refund.signum() > 0
                        ? refunds.record(order.id, refund, reason, caller.actor(), takes.stream()
                                .map(t -> new Refunds.RefundLine(t.orderLineId(), t.total(), t.refund())).toList(), now)
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> {
                    order.refundedTotal = Money.round(order.refundedTotal.add(refund), currency);
                    order.subtotal = Money.round(lines.stream()
                            .map(l -> l.unitPrice.multiply(BigDecimal.valueOf(l.quantity - l.quantityCancelled)))
                            .reduce(BigDecimal.ZERO, BigDecimal::add), currency);
                    order.total = order.subtotal;
                    order.updatedAt = now;
                    return audit.record(order.id, eventType, null, null, caller.actor(), reason,
                            details(takes, refund, paid), now);
                })
                .chain(() -> outbox.enqueue(Outbox.Kind.LINES_CANCELLED, order.id, order.email,
                        notice(order, takes, refund, reason), now))
                .chain(() -> fulfillmentOrders.flush())
                .chain(() -> follower.follow(order, lines, caller, "after cancellation", now))
                .invoke(() -> LOG.infof("Order %s: %d unit(s) cancelled by %s, refund %s %s", (Object) order.number,
                        takes.stream().mapToInt(LineTake::total).sum(), caller.actor(), refund, order.currency))
                .replaceWith(order.id);
    }

    /** Takes {@code quantity} off the line's open backorders, newest first (the oldest keep their place). */
    private Uni<Void> cancelBackorders(UUID orderId, UUID lineId, int quantity, OffsetDateTime now) {
        if (quantity == 0) {
            return Uni.createFrom().voidItem();
        }
        return backorders.openOf(orderId).chain(open -> {
            int left = quantity;
            List<BackorderEntity> newest = new ArrayList<>(open.stream().filter(b -> b.orderLineId.equals(lineId))
                    .toList());
            java.util.Collections.reverse(newest);
            List<BackorderEntity> created = new ArrayList<>();
            for (BackorderEntity backorder : newest) {
                if (left == 0) {
                    break;
                }
                int take = Math.min(left, backorder.quantity);
                if (take == backorder.quantity) {
                    backorder.status = BackorderStatus.CANCELLED;
                } else {
                    created.add(cancelledPart(backorder, take, now));
                    backorder.quantity -= take;
                }
                backorder.updatedAt = now;
                left -= take;
            }
            return created.isEmpty() ? Uni.createFrom().voidItem() : backorders.persist(created.stream());
        });
    }

    private static BackorderEntity cancelledPart(BackorderEntity from, int quantity, OffsetDateTime now) {
        BackorderEntity part = new BackorderEntity();
        part.id = UUID.randomUUID();
        part.orderId = from.orderId;
        part.orderLineId = from.orderLineId;
        part.sku = from.sku;
        part.quantity = quantity;
        part.status = BackorderStatus.CANCELLED;
        part.decision = from.decision;
        part.expectedAt = from.expectedAt;
        part.createdAt = from.createdAt;
        part.updatedAt = now;
        return part;
    }

    /** One fulfillment order line to shrink, and the stock it gives back. */
    private record Shrink(OpenShipment shipment, UUID orderLineId, String sku, int take, int remaining) {
        UUID location() {
            return shipment.fulfillmentOrder().locationId;
        }
    }

    /** Decides which open shipments of the line give back {@code quantity} (nothing is written yet). */
    private static List<Shrink> shrinks(List<OpenShipment> shipments, OrderLineEntity line, int quantity) {
        List<Shrink> shrinks = new ArrayList<>();
        int left = quantity;
        for (OpenShipment shipment : shipments) {
            for (int i = 0; i < shipment.lines().size() && left > 0; i++) {
                FulfillmentOrderRepository.Line foLine = shipment.lines().get(i);
                if (!foLine.orderLineId().equals(line.id) || foLine.quantity() == 0) {
                    continue;
                }
                int take = Math.min(left, foLine.quantity());
                left -= take;
                shipment.lines().set(i, new FulfillmentOrderRepository.Line(foLine.orderLineId(), foLine.sku(),
                        foLine.quantity() - take));
                shrinks.add(new Shrink(shipment, line.id, line.sku, take, foLine.quantity() - take));
            }
        }
        return shrinks;
    }

    /**
     * Writes the shrinks, releasing stock level by level in (location, sku) order like every other stock
     * change, so that concurrent cancellations and routings cannot deadlock.
     */
    private Uni<Void> applyShrinks(List<Shrink> shrinks, UUID orderId, Caller caller, OffsetDateTime now) {
        List<Shrink> sorted = shrinks.stream()
                .sorted(Comparator.comparing(Shrink::location).thenComparing(Shrink::sku))
                .toList();
        return Multi.createFrom().iterable(sorted)
                .onItem().transformToUniAndConcatenate(shrink -> {
                    FulfillmentOrderEntity fo = shrink.shipment().fulfillmentOrder();
                    return fulfillmentOrders.resizeLine(fo.id, shrink.orderLineId(), shrink.remaining())
                            .chain(() -> stock.release(fo.locationId, shrink.sku(), shrink.take(), orderId,
                                    "cancelled", caller.actor(), now))
                            .invoke(released -> {
                                requireReleased(released, fo, shrink.sku());
                                if (shrink.shipment().lines().stream().allMatch(l -> l.quantity() == 0)) {
                                    fo.status = FulfillmentOrderStatus.CANCELLED;
                                }
                                fo.updatedAt = now;
                            });
                })
                .collect().asList().replaceWithVoid();
    }

    static void requireReleased(boolean released, FulfillmentOrderEntity fo, String sku) {
        if (!released) {
            throw new IllegalStateException("stock of " + sku + " for fulfillment order " + fo.id
                    + " is not reserved at its location");
        }
    }

    private static LineProgress progress(OrderLineEntity line) {
        return new LineProgress(line.quantity, line.quantityAllocated, line.quantityBackordered,
                line.quantityCancelled, line.quantityShipped);
    }

    private static Map<String, Object> details(List<LineTake> takes, BigDecimal refund, boolean paid) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lines", takes.stream().map(t -> Map.of("orderLineId", t.orderLineId().toString(),
                "quantity", t.total(), "fromBackorders", t.backordered(), "fromShipments", t.allocated(),
                "amount", t.refund())).toList());
        details.put("refund", refund);
        details.put("paid", paid);
        return details;
    }

    private static Map<String, Object> notice(OrderEntity order, List<LineTake> takes, BigDecimal refund,
            String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderNumber", order.number);
        payload.put("reason", reason);
        payload.put("cancelled", takes.stream().map(t -> Map.of("orderLineId", t.orderLineId().toString(),
                "quantity", t.total())).toList());
        payload.put("refund", refund);
        payload.put("currency", order.currency);
        payload.put("total", order.total);
        return payload;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw new ValidationException("reason", "reason must be 1-" + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

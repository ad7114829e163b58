package io.oms.routing.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.backorder.app.BackorderDates;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.persistence.BackorderEntity;
import io.oms.backorder.persistence.BackorderRepository;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.notification.Outbox;
import io.oms.fulfillment.persistence.FulfillmentOrderEntity;
import io.oms.fulfillment.persistence.FulfillmentOrderRepository;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import io.oms.order.persistence.OrderEntity;
import io.oms.order.persistence.OrderLineEntity;
import io.oms.order.persistence.OrderLineRepository;
import io.oms.order.persistence.OrderRepository;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingPlan.StockKey;
import io.oms.routing.domain.RoutingRequest;
import io.oms.inventory.persistence.Reservations;
import io.oms.routing.persistence.RoutingJobs;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.oms.routing.persistence.StockSnapshots;
import io.oms.kernel.NotFoundException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Routes an order's open quantity inside the caller's transaction: snapshot, plan, reserve with
 * conditional updates (re-planning from a fresh snapshot when another order took the stock first), then
 * fulfillment orders, backorders, line quantities, the order's status and the audit event with the plan's
 * reasons. The order row is locked first, so two routing passes of one order never overlap.
 */
@ApplicationScoped
public class RoutingService {
    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    /**
     * The outcome of one routing pass: the order, whether there was anything to route, the fulfillment
     * orders (shipments) it created, and the backorders it filled (oldest first).
     */
    public record Routed(UUID orderId, boolean planned, int shipments, List<UUID> backordersAllocated) {
        static Routed nothing(UUID orderId) {
            return new Routed(orderId, false, 0, List.of());
        }
    }

    private final OrderRepository orders;
    private final OrderLineRepository orderLines;
    private final StockSnapshots snapshots;
    private final Reservations reservations;
    private final FulfillmentOrderRepository fulfillmentOrders;
    private final BackorderRepository backorders;
    private final AuditRecorder audit;
    private final RoutingSettings settings;
    private final RoutingJobs jobs;
    private final BackorderDates dates;
    private final Outbox outbox;
    private final Clock clock;

    public RoutingService(OrderRepository orders, OrderLineRepository orderLines, StockSnapshots snapshots,
            Reservations reservations, FulfillmentOrderRepository fulfillmentOrders, BackorderRepository backorders,
            AuditRecorder audit, RoutingSettings settings, RoutingJobs jobs, BackorderDates dates, Outbox outbox,
            Clock clock) {
        this.jobs = jobs;
        this.dates = dates;
        this.outbox = outbox;
        this.orders = orders;
        this.orderLines = orderLines;
        this.snapshots = snapshots;
        this.reservations = reservations;
        this.fulfillmentOrders = fulfillmentOrders;
        this.backorders = backorders;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * An admin's routeOrder: routes the open quantity now, in its own transaction. The order's routing job,
     * if any, is locked first and marked done, so the worker cannot route the same order concurrently.
     */
    @WithTransaction
    public Uni<Routed> routeNow(Caller caller, UUID orderId) {
        caller.require(Role.ADMIN);
        return jobs.lock(orderId)
                .chain(job -> route(orderId, caller.actor(), false)
                        .call(() -> job == null ? Uni.createFrom().voidItem() : jobs.markDone(orderId, now())));
    }

    /** A first-in-first-out backorder fill: routes the order's open quantity in its own transaction. */
    @WithTransaction
    public Uni<Routed> fillBackorders(UUID orderId) {
        return route(orderId, "system:backorders", false);
    }

    /**
     * Routes the open quantity of a PAID order (the routing job) or of an order awaiting fulfillment (an
     * admin's routeOrder). Must run inside a transaction.
     */
    public Uni<Routed> route(UUID orderId, String actor, boolean paidOnly) {
        return settings.applyLockTimeout()
                .chain(() -> orders.findForUpdate(orderId))
                .chain(order -> {
                    if (order == null) {
                        throw new NotFoundException("Order", orderId);
                    }
                    if (paidOnly && order.status != OrderStatus.PAID) {
                        // Routed already (by an admin, or a retry that had in fact committed) or cancelled.
                        LOG.debugf("Order %s is %s; nothing for the routing job to do", (Object) order.number, order.status);
                        return Uni.createFrom().item(Routed.nothing(orderId));
                    }
                    if (order.status != OrderStatus.AWAITING_FULFILLMENT
                            && order.status != OrderStatus.PARTIALLY_FULFILLED) {
                        // Only a paid order can start fulfillment; the table says so and refuses the rest.
                        order.status.moveTo(OrderStatus.AWAITING_FULFILLMENT);
                    }
                    return orderLines.linesOf(orderId).chain(lines -> routeLines(order, lines, actor));
                });
    }

    private Uni<Routed> routeLines(OrderEntity order, List<OrderLineEntity> lines, String actor) {
        List<OpenLine> open = new ArrayList<>();
        for (OrderLineEntity line : lines) {
            int quantity = line.quantity - line.quantityAllocated - line.quantityShipped - line.quantityCancelled;
            if (quantity > 0) {
                open.add(new OpenLine(line.id, line.sku, quantity));
            }
        }
        if (open.isEmpty()) {
            return Uni.createFrom().item(Routed.nothing(order.id));
        }
        Destination destination = new Destination(order.shipCountry, order.shipLatitude, order.shipLongitude);
        OffsetDateTime now = now();
        return planAndReserve(order, open, destination, actor, now, 1)
                .chain(reserved -> write(order, lines, reserved.plan(), reserved.attempts(), actor, now));
    }

    private record Reserved(RoutingPlan plan, int attempts) {
    }

    private Uni<Reserved> planAndReserve(OrderEntity order, List<OpenLine> open, Destination destination,
            String actor, OffsetDateTime now, int attempt) {
        List<String> skus = open.stream().map(OpenLine::sku).distinct().toList();
        return snapshots.inTransaction(destination.country(), skus).chain(candidates -> {
            RoutingPlan plan = new RoutingEngine(settings.policy())
                    .plan(new RoutingRequest(open, destination, order.splitPolicy, candidates));
            return reserveAll(plan, order.id, actor, now).chain(lost -> {
                if (lost.isEmpty()) {
                    return Uni.createFrom().item(new Reserved(plan, attempt));
                }
                if (attempt <= settings.maxReplans()) {
                    LOG.debugf("Order %s lost stock at %s; re-planning (attempt %s)", (Object) order.number, lost, attempt + 1);
                    return releaseAll(plan, lost, order.id, actor, now)
                            .chain(() -> planAndReserve(order, open, destination, actor, now, attempt + 1));
                }
                if (order.splitPolicy == SplitPolicy.SHIP_COMPLETE) {
                    // One shipment or none: what was reserved goes back and every line waits.
                    return releaseAll(plan, lost, order.id, actor, now)
                            .replaceWith(new Reserved(plan.without(plan.reservations().keySet()), attempt));
                }
                return Uni.createFrom().item(new Reserved(plan.without(lost), attempt));
            });
        });
    }

    /** Reserves level by level in a fixed order (so concurrent routings cannot deadlock); returns the losses. */
    private Uni<Set<StockKey>> reserveAll(RoutingPlan plan, UUID orderId, String actor, OffsetDateTime now) {
        List<Map.Entry<StockKey, Integer>> needs = sorted(plan.reservations());
        return Multi.createFrom().iterable(needs)
                .onItem().transformToUniAndConcatenate(need -> reservations.reserve(need.getKey().locationId(),
                        need.getKey().sku(), need.getValue(), orderId, "reserved for order", actor, now)
                        .map(ok -> ok ? null : need.getKey()))
                .filter(key -> key != null)
                .collect().asSet();
    }

    private Uni<Void> releaseAll(RoutingPlan plan, Set<StockKey> lost, UUID orderId, String actor,
            OffsetDateTime now) {
        List<Map.Entry<StockKey, Integer>> held = sorted(plan.reservations()).stream()
                .filter(need -> !lost.contains(need.getKey())).toList();
        return Multi.createFrom().iterable(held)
                .onItem().transformToUniAndConcatenate(need -> reservations.release(need.getKey().locationId(),
                        need.getKey().sku(), need.getValue(), orderId, "re-planning after a lost race", actor, now))
                .collect().asList().replaceWithVoid();
    }

    private static List<Map.Entry<StockKey, Integer>> sorted(Map<StockKey, Integer> needs) {
        return needs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.locationId().equals(b.locationId())
                        ? a.sku().compareTo(b.sku()) : a.locationId().compareTo(b.locationId())))
                .toList();
    }

    private Uni<Routed> write(OrderEntity order, List<OrderLineEntity> lines, RoutingPlan plan, int attempts,
            String actor, OffsetDateTime now) {
        List<BackorderEntity> allocatedBackorders = new ArrayList<>();
        return fulfillmentOrders.nextRoutingPass(order.id).chain(pass -> {
            List<FulfillmentOrderEntity> created = new ArrayList<>();
            for (RoutingPlan.Shipment shipment : plan.shipments()) {
                FulfillmentOrderEntity fo = new FulfillmentOrderEntity();
                fo.id = UUID.randomUUID();
                fo.orderId = order.id;
                fo.locationId = shipment.location().locationId();
                fo.routingPass = pass;
                fo.status = FulfillmentOrderStatus.OPEN;
                fo.estimatedDeliveryAt = now.plus(Duration.ofDays(shipment.estimatedDays()));
                fo.createdAt = now;
                fo.updatedAt = now;
                created.add(fo);
            }
            // Everything may be backordered: then there is no fulfillment order to write.
            Uni<Void> persisted = created.isEmpty() ? Uni.createFrom().voidItem()
                    : fulfillmentOrders.persist(created.stream()).chain(() -> fulfillmentOrders.flush());
            return persisted
                    .chain(() -> Multi.createFrom().range(0, created.size())
                            .onItem().transformToUniAndConcatenate(i -> addLines(created.get(i),
                                    plan.shipments().get(i)))
                            .collect().asList())
                    .chain(() -> reconcileBackorders(order, lines, plan, now, allocatedBackorders))
                    .chain(() -> {
                        OrderStatus from = order.status;
                        if (from == OrderStatus.PAID) {
                            order.status = from.moveTo(OrderStatus.AWAITING_FULFILLMENT);
                        }
                        if (order.stuckReason == StuckReason.UNROUTED) {
                            order.stuckReason = null;
                            order.stuckSince = null;
                        }
                        order.updatedAt = now;
                        return audit.record(order.id, "ORDER_ROUTED", from.name(), order.status.name(), actor,
                                summary(plan), details(plan, pass, attempts, created), now);
                    })
                    .chain(() -> orders.flush())
                    .invoke(() -> LOG.infof("Order %d routed (pass %d, %d attempt(s)): %d shipment(s), %d unit(s)"
                            + " allocated, %d backordered", order.number, pass, attempts, plan.splitCount(),
                            plan.unitsShipped(), plan.unitsBackordered()))
                    .replaceWith(() -> new Routed(order.id, true, created.size(),
                            allocatedBackorders.stream().map(b -> b.id).toList()));
        });
    }

    private Uni<Void> addLines(FulfillmentOrderEntity fo, RoutingPlan.Shipment shipment) {
        return Multi.createFrom().iterable(shipment.allocations())
                .onItem().transformToUniAndConcatenate(a -> fulfillmentOrders.addLine(fo.id, a.lineId(), a.sku(),
                        a.quantity()))
                .collect().asList().replaceWithVoid();
    }

    /**
     * Brings each line's quantities and OPEN backorders in line with the plan. Open backorders are filled
     * oldest first; a partly filled one keeps its place in the queue with the rest of its quantity.
     */
    private Uni<Void> reconcileBackorders(OrderEntity order, List<OrderLineEntity> lines, RoutingPlan plan,
            OffsetDateTime now, List<BackorderEntity> filled) {
        Map<UUID, Integer> allocated = new HashMap<>();
        plan.shipments().forEach(s -> s.allocations().forEach(a -> allocated.merge(a.lineId(), a.quantity(),
                Integer::sum)));
        Map<UUID, Integer> waiting = new LinkedHashMap<>();
        plan.backordered().forEach(b -> waiting.merge(b.lineId(), b.quantity(), Integer::sum));
        List<BackorderEntity> newlyWaiting = new ArrayList<>();
        return backorders.openOf(order.id).chain(open -> {
            List<BackorderEntity> changes = new ArrayList<>();
            for (OrderLineEntity line : lines) {
                int take = allocated.getOrDefault(line.id, 0);
                int stillWaiting = waiting.getOrDefault(line.id, 0);
                line.quantityAllocated += take;
                line.quantityBackordered = stillWaiting;
                int alreadyWaiting = 0;
                for (BackorderEntity backorder : open) {
                    if (!backorder.orderLineId.equals(line.id)) {
                        continue;
                    }
                    if (take >= backorder.quantity) {
                        take -= backorder.quantity;
                        backorder.status = BackorderStatus.ALLOCATED;
                        backorder.allocatedAt = now;
                        backorder.updatedAt = now;
                        filled.add(backorder);
                    } else {
                        if (take > 0) {
                            BackorderEntity part = allocatedPart(backorder, take, now);
                            filled.add(part);
                            changes.add(part);
                            backorder.quantity -= take;
                            backorder.updatedAt = now;
                            take = 0;
                        }
                        alreadyWaiting += backorder.quantity;
                    }
                }
                if (stillWaiting > alreadyWaiting) {
                    BackorderEntity created = newBackorder(order.id, line, stillWaiting - alreadyWaiting, now);
                    changes.add(created);
                    newlyWaiting.add(created);
                }
            }
            Uni<Void> persisted = changes.isEmpty() ? Uni.createFrom().voidItem()
                    : backorders.persist(changes.stream()).chain(() -> backorders.flush());
            // Only new backorders need a date now (their notice carries it); a fill leaves the others' dates
            // to the receipt that caused it, which refreshes them once, not once per order.
            List<String> skus = newlyWaiting.stream().map(b -> b.sku).distinct().toList();
            return persisted
                    .chain(() -> dates.refresh(skus))
                    .chain(() -> notifyBackorders(order, newlyWaiting, filled, now));
        });
    }

    private record Notice(Outbox.Kind kind, Map<String, Object> payload) {
    }

    /** The customer hears of each new backorder (with the choice to wait or cancel) and of each one filled. */
    private Uni<Void> notifyBackorders(OrderEntity order, List<BackorderEntity> created,
            List<BackorderEntity> allocated, OffsetDateTime now) {
        List<Notice> notices = new ArrayList<>();
        for (BackorderEntity backorder : created) {
            Map<String, Object> payload = backorderPayload(order, backorder);
            payload.put("expectedAt", backorder.expectedAt == null ? null : backorder.expectedAt.toString());
            payload.put("choices", List.of("WAIT", "CANCEL"));
            notices.add(new Notice(Outbox.Kind.BACKORDER_CREATED, payload));
        }
        for (BackorderEntity backorder : allocated) {
            notices.add(new Notice(Outbox.Kind.BACKORDER_ALLOCATED, backorderPayload(order, backorder)));
        }
        return Multi.createFrom().iterable(notices)
                .onItem().transformToUniAndConcatenate(notice -> outbox.enqueue(notice.kind(), order.id,
                        order.email, notice.payload(), now))
                .collect().asList().replaceWithVoid();
    }

    private static Map<String, Object> backorderPayload(OrderEntity order, BackorderEntity backorder) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderNumber", order.number);
        payload.put("backorderId", backorder.id.toString());
        payload.put("sku", backorder.sku);
        payload.put("quantity", backorder.quantity);
        return payload;
    }

    private static BackorderEntity allocatedPart(BackorderEntity from, int quantity, OffsetDateTime now) {
        BackorderEntity part = newBackorder(from.orderId, null, quantity, now);
        part.orderLineId = from.orderLineId;
        part.sku = from.sku;
        part.status = BackorderStatus.ALLOCATED;
        part.decision = from.decision;
        part.createdAt = from.createdAt;
        part.allocatedAt = now;
        return part;
    }

    private static BackorderEntity newBackorder(UUID orderId, OrderLineEntity line, int quantity,
            OffsetDateTime now) {
        BackorderEntity backorder = new BackorderEntity();
        backorder.id = UUID.randomUUID();
        backorder.orderId = orderId;
        if (line != null) {
            backorder.orderLineId = line.id;
            backorder.sku = line.sku;
        }
        backorder.quantity = quantity;
        backorder.status = BackorderStatus.OPEN;
        backorder.decision = BackorderDecision.WAIT;
        backorder.createdAt = now;
        backorder.updatedAt = now;
        return backorder;
    }

    private static String summary(RoutingPlan plan) {
        return plan.splitCount() + " shipment(s), " + plan.unitsShipped() + " unit(s) allocated, "
                + plan.unitsBackordered() + " backordered";
    }

    private static Map<String, Object> details(RoutingPlan plan, int pass, int attempts,
            List<FulfillmentOrderEntity> created) {
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (int i = 0; i < plan.shipments().size(); i++) {
            RoutingPlan.Shipment shipment = plan.shipments().get(i);
            shipments.add(Map.of("fulfillmentOrderId", created.get(i).id.toString(),
                    "location", shipment.location().code(),
                    "lines", shipment.allocations().stream()
                            .map(a -> Map.of("sku", a.sku(), "quantity", a.quantity())).toList(),
                    "estimatedDeliveryAt", created.get(i).estimatedDeliveryAt.toString()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("routingPass", pass);
        details.put("attempts", attempts);
        details.put("shipments", shipments);
        details.put("backordered", plan.backordered().stream()
                .map(b -> Map.of("sku", b.sku(), "quantity", b.quantity())).toList());
        details.put("reasons", plan.reasons());
        return details;
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

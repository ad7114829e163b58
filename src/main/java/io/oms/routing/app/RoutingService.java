package io.oms.routing.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.backorder.app.Backorders;
import io.oms.backorder.domain.BackorderReconciliation.LineOutcome;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.Shipment;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.Times;
import io.oms.notification.Outbox;
import io.oms.order.app.Orders;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingPlan.StockKey;
import io.oms.routing.domain.RoutingRequest;
import io.oms.routing.persistence.RoutingJobs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Route an order: the use case that places an order's open quantity, inside one transaction. It locks the order,
 * plans from one stock snapshot, writes the fulfillment orders, reconciles the backorders, counts the line
 * quantities, moves the order on and records the plan's reasons, each through its capability's front door, and
 * reserves the stock last with conditional updates (see {@link #attempt}: re-planning from a fresh snapshot when
 * another order took the stock first).
 */
@ApplicationScoped
public class RoutingService {
    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    /**
     * The outcome of one routing pass: the order, whether there was anything to route, the fulfillment
     * orders (shipments) it created, and the backorders it filled (oldest first).
     */
    public record Routed(UUID orderId, boolean planned, int shipments, List<BackorderSnapshot> backordersAllocated) {
        static Routed nothing(UUID orderId) {
            return new Routed(orderId, false, 0, List.of());
        }
    }

    private final Transactions transactions;
    private final Orders orders;
    private final Stock stock;
    private final Shipments shipments;
    private final Backorders backorders;
    private final RoutingJobs jobs;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RoutingSettings settings;
    private final Clock clock;

    public RoutingService(
            Transactions transactions,
            Orders orders,
            Stock stock,
            Shipments shipments,
            Backorders backorders,
            RoutingJobs jobs,
            AuditLog audit,
            Outbox outbox,
            RoutingSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.shipments = shipments;
        this.backorders = backorders;
        this.jobs = jobs;
        this.audit = audit;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * An admin's routeOrder: routes the open quantity now, in its own transaction. The order's routing job,
     * if any, is locked first and marked done, so the worker cannot route the same order concurrently.
     */
    public Uni<OrderSnapshot> routeNow(Caller caller, UUID orderId) {
        caller.require(Role.ADMIN);
        return transactions.run(tx -> jobs.lock(tx, orderId)
                .chain(job -> job == null ? Uni.createFrom().voidItem() : jobs.markDone(tx, orderId, now()))
                .chain(() -> route(tx, orderId, caller.actor(), false))
                .chain(routed -> orders.snapshot(tx, orderId)));
    }

    /**
     * A first-in-first-out backorder fill: routes the waiting order's open quantity in its own transaction (units
     * held for waiting backorders are its to take).
     */
    public Uni<Routed> fillBackorders(UUID orderId) {
        return transactions.run(tx -> route(tx, orderId, "system:backorders", false));
    }

    /**
     * Routes the open quantity of a PAID order (the routing job) or of an order awaiting fulfillment (an
     * admin's routeOrder, a backorder fill), inside the caller's transaction.
     */
    public Uni<Routed> route(Tx tx, UUID orderId, String actor, boolean paidOnly) {
        return tx.lockTimeout(settings.lockTimeout())
                .chain(() -> orders.lockWithLines(tx, orderId))
                .chain(locked -> {
                    Order order = locked.order();
                    if (paidOnly && order.status() != OrderStatus.PAID) {
                        // Routed already (by an admin, or a retry that had in fact committed) or cancelled.
                        LOG.debugf(
                                "Order %s is %s; nothing for the routing job to do",
                                (Object) order.number(), order.status());
                        return Uni.createFrom().item(Routed.nothing(orderId));
                    }
                    if (order.status() != OrderStatus.AWAITING_FULFILLMENT
                            && order.status() != OrderStatus.PARTIALLY_FULFILLED) {
                        // Only a paid order can start fulfillment; the table says so and refuses the rest.
                        order.status().moveTo(OrderStatus.AWAITING_FULFILLMENT);
                    }
                    return routeLines(tx, order, locked.lines(), actor);
                });
    }

    private Uni<Routed> routeLines(Tx tx, Order order, List<OrderLine> lines, String actor) {
        List<OpenLine> open = new ArrayList<>();
        for (OrderLine line : lines) {
            if (line.quantities().toRoute() > 0) {
                open.add(new OpenLine(line.id(), line.sku(), line.quantities().toRoute()));
            }
        }
        if (open.isEmpty()) {
            return Uni.createFrom().item(Routed.nothing(order.id()));
        }
        Destination destination = new Destination(order.shipCountry(), order.shipLatitude(), order.shipLongitude());
        OffsetDateTime now = now();
        // An order that waits itself may take what is held for waiting backorders; a new order may not.
        boolean waits = lines.stream().anyMatch(l -> l.quantities().backordered() > 0);
        return attempt(tx, order, lines, open, destination, actor, now, 1, waits);
    }

    private static final String ATTEMPT = "routing_attempt";

    /**
     * One routing attempt. A popular SKU's stock row is what every routing of it queues for, so the attempt takes
     * those row locks last: it plans from a snapshot, writes the plan after a savepoint (fulfillment orders,
     * backorders, line quantities, status, event, notices) and reserves only then, just before the commit. When a
     * reservation is refused (another order took the units since the snapshot), everything since the savepoint
     * is undone and the next attempt plans from a fresh snapshot. The last attempt reserves first and writes what
     * it got, so that losing races shrinks the plan instead of leaving the order unrouted.
     */
    private Uni<Routed> attempt(
            Tx tx,
            Order order,
            List<OrderLine> lines,
            List<OpenLine> open,
            Destination destination,
            String actor,
            OffsetDateTime now,
            int attempt,
            boolean waits) {
        if (attempt > settings.maxReplans()) {
            return planAndReserve(tx, order, open, destination, actor, now, attempt, waits)
                    .chain(reserved ->
                            write(tx, order, lines, reserved.plan(), reserved.attempts(), actor, now, List.of()));
        }
        return plan(tx, order, open, destination, waits).chain(plan -> {
            List<LevelChange> reserving = reservations(plan, waits);
            if (reserving.isEmpty()) {
                return write(tx, order, lines, plan, attempt, actor, now, List.of());
            }
            return tx.savepoint(ATTEMPT)
                    .chain(() -> write(tx, order, lines, plan, attempt, actor, now, reserving))
                    .chain(routed -> {
                        if (routed != null) {
                            return Uni.createFrom().item(routed);
                        }
                        LOG.debugf(
                                "Order %s lost stock to another order; re-planning (attempt %s)",
                                (Object) order.number(), attempt + 1);
                        // The undone attempt changed the order and its lines in memory: read them again.
                        return tx.rollbackTo(ATTEMPT)
                                .chain(() -> orders.lockWithLines(tx, order.id()))
                                .chain(fresh -> attempt(
                                        tx,
                                        fresh.order(),
                                        fresh.lines(),
                                        open,
                                        destination,
                                        actor,
                                        now,
                                        attempt + 1,
                                        waits));
                    });
        });
    }

    /** The engine's plan for the open lines, from the stock available in this transaction now. */
    private Uni<RoutingPlan> plan(Tx tx, Order order, List<OpenLine> open, Destination destination, boolean waits) {
        List<String> skus = open.stream().map(OpenLine::sku).distinct().toList();
        return stock.available(tx, destination.country(), skus, waits)
                .map(available -> new RoutingEngine(settings.policy())
                        .plan(new RoutingRequest(open, destination, order.splitPolicy(), Candidates.of(available))));
    }

    private record Reserved(RoutingPlan plan, int attempts) {}

    /**
     * The last attempt: reserves the plan first and keeps what it got. A line whose stock was lost waits (a
     * backorder); a SHIP_COMPLETE order gives back what it did get, and every line waits.
     */
    private Uni<Reserved> planAndReserve(
            Tx tx,
            Order order,
            List<OpenLine> open,
            Destination destination,
            String actor,
            OffsetDateTime now,
            int attempt,
            boolean waits) {
        return plan(tx, order, open, destination, waits).chain(plan -> {
            Movement reserving = new Movement("reserved for order", actor, order.id(), now);
            return stock.apply(tx, reservations(plan, waits), reserving).chain(refused -> {
                Set<StockKey> lost = new HashSet<>();
                refused.forEach(c -> lost.add(new StockKey(c.locationId(), c.sku())));
                if (lost.isEmpty()) {
                    return Uni.createFrom().item(new Reserved(plan, attempt));
                }
                LOG.debugf("Order %s lost stock at %s on its last attempt", (Object) order.number(), lost);
                if (order.splitPolicy() == SplitPolicy.SHIP_COMPLETE) {
                    // One shipment or none: what was reserved goes back and every line waits.
                    Movement giveBack = new Movement("re-planning after a lost race", actor, order.id(), now);
                    return stock.applyHeld(tx, changes(plan, LevelChange.Kind.RELEASE, lost), giveBack)
                            .replaceWith(new Reserved(
                                    plan.without(plan.reservations().keySet()), attempt));
                }
                return Uni.createFrom().item(new Reserved(plan.without(lost), attempt));
            });
        });
    }

    /**
     * The plan's reservations: for a waiting order a claim (which may take the units held for waiting backorders,
     * and shrinks the hold), for a new order a reservation of units that nobody waits for.
     */
    private static List<LevelChange> reservations(RoutingPlan plan, boolean waits) {
        List<LevelChange> changes = new ArrayList<>();
        plan.reservations()
                .forEach((key, quantity) -> changes.add(new LevelChange(
                        waits ? LevelChange.Kind.CLAIM : LevelChange.Kind.RESERVE,
                        key.locationId(),
                        key.sku(),
                        quantity)));
        return changes;
    }

    /** The plan's reservations as level changes of {@code kind}, leaving out the {@code except} levels. */
    private static List<LevelChange> changes(RoutingPlan plan, LevelChange.Kind kind, Set<StockKey> except) {
        List<LevelChange> changes = new ArrayList<>();
        plan.reservations().forEach((key, quantity) -> {
            if (!except.contains(key)) {
                changes.add(new LevelChange(kind, key.locationId(), key.sku(), quantity));
            }
        });
        return changes;
    }

    /**
     * Writes the plan, then makes {@code reserveLast} (the plan's reservations when the stock is not reserved yet);
     * null when one of those was refused, and the caller must undo what this wrote.
     */
    private Uni<Routed> write(
            Tx tx,
            Order order,
            List<OrderLine> lines,
            RoutingPlan plan,
            int attempts,
            String actor,
            OffsetDateTime now,
            List<LevelChange> reserveLast) {
        List<Shipments.Planned> planned = plan.shipments().stream()
                .map(s -> new Shipments.Planned(
                        s.location().locationId(),
                        s.allocations().stream()
                                .map(a -> new Shipment.Line(a.lineId(), a.sku(), a.quantity()))
                                .toList(),
                        now.plus(Duration.ofDays(s.estimatedDays()))))
                .toList();
        Map<UUID, Integer> allocated = new HashMap<>();
        plan.shipments()
                .forEach(s -> s.allocations().forEach(a -> allocated.merge(a.lineId(), a.quantity(), Integer::sum)));
        Map<UUID, Integer> waiting = new LinkedHashMap<>();
        plan.backordered().forEach(b -> waiting.merge(b.lineId(), b.quantity(), Integer::sum));
        List<LineOutcome> outcomes = new ArrayList<>();
        boolean linesChange = false;
        for (OrderLine line : lines) {
            int take = allocated.getOrDefault(line.id(), 0);
            int stillWaiting = waiting.getOrDefault(line.id(), 0);
            linesChange |= take > 0 || stillWaiting != line.quantities().backordered();
            outcomes.add(new LineOutcome(line.id(), line.sku(), take, stillWaiting));
        }
        boolean orderChanges = order.status() == OrderStatus.PAID || order.stuckReason() == StuckReason.UNROUTED;
        if (plan.shipments().isEmpty() && !linesChange && !orderChanges) {
            // Nothing to ship and the same still waits (a SHIP_COMPLETE order that cannot be filled yet): a pass
            // that changes nothing writes nothing, so it bumps no version and sends no notice.
            return backorders
                    .wouldChange(tx, order.id(), outcomes)
                    .chain(changes -> changes
                            ? writeChanges(tx, order, lines, plan, attempts, actor, now, planned, outcomes, reserveLast)
                            : Uni.createFrom().item(Routed.nothing(order.id())));
        }
        return writeChanges(tx, order, lines, plan, attempts, actor, now, planned, outcomes, reserveLast);
    }

    private Uni<Routed> writeChanges(
            Tx tx,
            Order order,
            List<OrderLine> lines,
            RoutingPlan plan,
            int attempts,
            String actor,
            OffsetDateTime now,
            List<Shipments.Planned> planned,
            List<LineOutcome> outcomes,
            List<LevelChange> reserveLast) {
        return shipments.create(tx, order.id(), planned, now).chain(created -> {
            for (int i = 0; i < lines.size(); i++) {
                LineOutcome outcome = outcomes.get(i);
                lines.get(i).change(q -> q.routed(outcome.allocated(), outcome.stillWaiting()));
            }
            return backorders.reconcile(tx, order.id(), outcomes, now).chain(reconciled -> {
                OrderStatus from = order.status();
                if (from == OrderStatus.PAID) {
                    order.moveTo(OrderStatus.AWAITING_FULFILLMENT, now);
                }
                order.clearStuck(StuckReason.UNROUTED);
                order.touch(now);
                return orders.save(tx, order, lines)
                        .chain(() -> audit.record(
                                tx,
                                new AuditEntry(
                                        order.id(),
                                        EventType.ORDER_ROUTED,
                                        from.name(),
                                        order.status().name(),
                                        actor,
                                        summary(plan),
                                        details(plan, created.routingPass(), attempts, created.ids(), planned),
                                        now)))
                        .chain(() -> outbox.enqueueAll(tx, notices(order, reconciled), now))
                        .chain(() -> reserveLast.isEmpty()
                                ? Uni.createFrom().item(List.<LevelChange>of())
                                : stock.apply(
                                        tx, reserveLast, new Movement("reserved for order", actor, order.id(), now)))
                        .chain(refused -> refused.isEmpty()
                                ? finish(tx, order, plan, attempts, created, reconciled)
                                : Uni.createFrom().nullItem());
            });
        });
    }

    /** After the stock is reserved: fills asked for where new backorders find stock free, the log line. */
    private Uni<Routed> finish(
            Tx tx,
            Order order,
            RoutingPlan plan,
            int attempts,
            Shipments.Created created,
            Backorders.Reconciled reconciled) {
        // A new backorder where stock is free after all (a fill just ended): ask for a fill. After the
        // reservations, so that the hold it may place cannot take this order's own units.
        return Multi.createFrom()
                .iterable(reconciled.created().stream()
                        .map(BackorderSnapshot::sku)
                        .distinct()
                        .toList())
                .onItem()
                .transformToUniAndConcatenate(sku -> stock.requestFillWhereFree(tx, sku, order.shipCountry()))
                .collect()
                .asList()
                .invoke(() -> LOG.infof(
                        "Order %d routed (pass %d, %d attempt(s)): %d shipment(s), %d unit(s) allocated, %d"
                                + " backordered",
                        order.number(),
                        created.routingPass(),
                        attempts,
                        plan.splitCount(),
                        plan.unitsShipped(),
                        plan.unitsBackordered()))
                .replaceWith(() -> new Routed(order.id(), true, created.ids().size(), reconciled.allocated()));
    }

    /** The customer hears of each new backorder (with the choice to wait or cancel) and of each one filled. */
    static List<Outbox.Notice> notices(Order order, Backorders.Reconciled reconciled) {
        List<Outbox.Notice> notices = new ArrayList<>();
        for (BackorderSnapshot backorder : reconciled.created()) {
            Map<String, Object> payload = backorderPayload(order, backorder);
            payload.put(
                    "expectedAt",
                    backorder.expectedAt() == null
                            ? null
                            : backorder.expectedAt().toString());
            payload.put("choices", List.of("WAIT", "CANCEL"));
            notices.add(new Outbox.Notice(Outbox.Kind.BACKORDER_CREATED, order.id(), order.email(), payload));
        }
        for (BackorderSnapshot backorder : reconciled.allocated()) {
            notices.add(new Outbox.Notice(
                    Outbox.Kind.BACKORDER_ALLOCATED, order.id(), order.email(), backorderPayload(order, backorder)));
        }
        return notices;
    }

    private static Map<String, Object> backorderPayload(Order order, BackorderSnapshot backorder) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderNumber", order.number());
        payload.put("backorderId", backorder.id().toString());
        payload.put("sku", backorder.sku());
        payload.put("quantity", backorder.quantity());
        return payload;
    }

    static String summary(RoutingPlan plan) {
        return plan.splitCount() + " shipment(s), " + plan.unitsShipped() + " unit(s) allocated, "
                + plan.unitsBackordered() + " backordered";
    }

    static Map<String, Object> details(
            RoutingPlan plan, int pass, int attempts, List<UUID> ids, List<Shipments.Planned> planned) {
        List<Map<String, Object>> shipmentDetails = new ArrayList<>();
        for (int i = 0; i < plan.shipments().size(); i++) {
            RoutingPlan.Shipment shipment = plan.shipments().get(i);
            shipmentDetails.add(Map.of(
                    "fulfillmentOrderId",
                    ids.get(i).toString(),
                    "location",
                    shipment.location().code(),
                    "lines",
                    shipment.allocations().stream()
                            .map(a -> Map.of("sku", a.sku(), "quantity", a.quantity()))
                            .toList(),
                    "estimatedDeliveryAt",
                    planned.get(i).estimatedDeliveryAt().toString()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("routingPass", pass);
        details.put("attempts", attempts);
        details.put("shipments", shipmentDetails);
        details.put(
                "backordered",
                plan.backordered().stream()
                        .map(b -> Map.of("sku", b.sku(), "quantity", b.quantity()))
                        .toList());
        details.put("reasons", plan.reasons());
        return details;
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

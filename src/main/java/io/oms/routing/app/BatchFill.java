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
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelKey;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.LocationType;
import io.oms.kernel.Times;
import io.oms.notification.Outbox;
import io.oms.order.app.Orders;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderStatus;
import io.oms.routing.domain.Candidate;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fill of many waiting one-line orders of one SKU at one location in one transaction: the same decisions as
 * routing each of them (the routing engine plans each order against this level alone, oldest first), written
 * with a few statements for all of them: one claim of the level with a ledger row per order, the fulfillment
 * orders, the lines, the backorders, the orders, the audit events and the customer notices. What a restock of
 * thousands of backorders needs, where one routing transaction per order would take minutes.
 */
@ApplicationScoped
public class BatchFill {
    private final Transactions transactions;
    private final Orders orders;
    private final Stock stock;
    private final Shipments shipments;
    private final Backorders backorders;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RoutingSettings settings;
    private final Clock clock;

    public BatchFill(
            Transactions transactions,
            Orders orders,
            Stock stock,
            Shipments shipments,
            Backorders backorders,
            AuditLog audit,
            Outbox outbox,
            RoutingSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.shipments = shipments;
        this.backorders = backorders;
        this.audit = audit;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What a batch did: the backorders it allocated (oldest first), and the orders it left to route one by one, in
     * queue order: from the first that was no longer a one-line order of this SKU on.
     */
    public record Filled(List<BackorderSnapshot> allocated, List<UUID> rest) {}

    /** An order of the batch with its plan against the level. */
    private record Planned(Order order, List<OrderLine> lines, RoutingPlan plan) {}

    /** Fills these orders (oldest first) from the level, as far as its free and held units go. */
    public Uni<Filled> fill(LevelKey level, List<UUID> oldestFirst) {
        OffsetDateTime now = Times.now(clock);
        String actor = "system:backorders";
        return transactions.run(tx -> tx.lockTimeout(settings.lockTimeout())
                .chain(() -> orders.lockAll(tx, oldestFirst))
                .chain(locked -> orders.linesOf(tx, oldestFirst)
                        .chain(lines -> stock.location(tx, level.locationId())
                                .chain(location -> stock.lockForFill(tx, level).chain(free -> {
                                    Map<UUID, Order> byId = new LinkedHashMap<>();
                                    locked.forEach(o -> byId.put(o.id(), o));
                                    List<Planned> planned = new ArrayList<>();
                                    List<UUID> rest = List.of();
                                    int left = free;
                                    for (int i = 0; i < oldestFirst.size() && left > 0; i++) {
                                        UUID id = oldestFirst.get(i);
                                        Order order = byId.get(id);
                                        List<OrderLine> orderLines = lines.getOrDefault(id, List.of());
                                        List<OrderLine> open = orderLines.stream()
                                                .filter(l -> l.quantities().toRoute() > 0)
                                                .toList();
                                        if (!simple(order, open, level)) {
                                            // Changed since the queue was read: it and the orders behind it are
                                            // routed one by one, so none of them is served before it.
                                            rest = List.copyOf(oldestFirst.subList(i, oldestFirst.size()));
                                            break;
                                        }
                                        RoutingPlan plan = plan(order, open.get(0), location, level, left);
                                        left -= plan.unitsShipped();
                                        if (!plan.shipments().isEmpty()) {
                                            planned.add(new Planned(order, orderLines, plan));
                                        }
                                    }
                                    List<UUID> unserved = rest;
                                    return write(tx, level, planned, actor, now)
                                            .map(allocated -> new Filled(allocated, unserved));
                                })))));
    }

    /** FillQueries.simple's rule, judged again on the locked rows (the order may have changed since the page). */
    private static boolean simple(Order order, List<OrderLine> open, LevelKey level) {
        return order != null
                && (order.status() == OrderStatus.AWAITING_FULFILLMENT
                        || order.status() == OrderStatus.PARTIALLY_FULFILLED)
                && open.size() == 1
                && open.get(0).sku().equals(level.sku());
    }

    /** The routing engine's plan for the order's one open line, with only this level's free units to take. */
    private RoutingPlan plan(Order order, OrderLine line, LocationSnapshot location, LevelKey level, int free) {
        Candidate candidate = new Candidate(
                location.id(),
                location.code(),
                location.type() == LocationType.DROPSHIP_SUPPLIER,
                location.priority(),
                location.latitude(),
                location.longitude(),
                Map.of(level.sku(), free));
        return new RoutingEngine(settings.policy())
                .plan(new RoutingRequest(
                        List.of(new OpenLine(
                                line.id(), line.sku(), line.quantities().toRoute())),
                        new Destination(order.shipCountry(), order.shipLatitude(), order.shipLongitude()),
                        order.splitPolicy(),
                        List.of(candidate)));
    }

    private Uni<List<BackorderSnapshot>> write(
            io.oms.infra.sql.Tx tx, LevelKey level, List<Planned> planned, String actor, OffsetDateTime now) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, Integer> claims = new LinkedHashMap<>();
        Map<UUID, List<Shipments.Planned>> shipmentsByOrder = new LinkedHashMap<>();
        Map<UUID, List<LineOutcome>> outcomes = new LinkedHashMap<>();
        List<OrderLine> allLines = new ArrayList<>();
        for (Planned p : planned) {
            RoutingPlan.Shipment s = p.plan().shipments().get(0);
            claims.put(p.order().id(), s.units());
            shipmentsByOrder.put(
                    p.order().id(),
                    List.of(new Shipments.Planned(
                            s.location().locationId(),
                            s.allocations().stream()
                                    .map(a -> new Shipment.Line(a.lineId(), a.sku(), a.quantity()))
                                    .toList(),
                            now.plus(Duration.ofDays(s.estimatedDays())))));
            List<LineOutcome> lineOutcomes = new ArrayList<>();
            for (OrderLine line : p.lines()) {
                int take = s.allocations().stream()
                        .filter(a -> a.lineId().equals(line.id()))
                        .mapToInt(RoutingPlan.Allocation::quantity)
                        .sum();
                int stillWaiting = p.plan().backordered().stream()
                        .filter(b -> b.lineId().equals(line.id()))
                        .mapToInt(RoutingPlan.Backordered::quantity)
                        .sum();
                if (take > 0 || stillWaiting != line.quantities().backordered()) {
                    line.change(q -> q.routed(take, stillWaiting));
                }
                lineOutcomes.add(new LineOutcome(line.id(), line.sku(), take, stillWaiting));
            }
            outcomes.put(p.order().id(), lineOutcomes);
            allLines.addAll(p.lines());
            p.order().touch(now);
        }
        return stock.claimAll(tx, level, claims, actor, now)
                .chain(() -> shipments.createAll(tx, shipmentsByOrder, now))
                .chain(created -> backorders.reconcileAll(tx, outcomes, now).chain(reconciled -> {
                    List<AuditEntry> events = new ArrayList<>();
                    List<Outbox.Notice> notices = new ArrayList<>();
                    List<BackorderSnapshot> allocated = new ArrayList<>();
                    for (Planned p : planned) {
                        UUID id = p.order().id();
                        var shipmentsOfOrder = shipmentsByOrder.get(id);
                        events.add(new AuditEntry(
                                id,
                                EventType.ORDER_ROUTED,
                                p.order().status().name(),
                                p.order().status().name(),
                                actor,
                                RoutingService.summary(p.plan()),
                                RoutingService.details(
                                        p.plan(),
                                        created.get(id).routingPass(),
                                        1,
                                        created.get(id).ids(),
                                        shipmentsOfOrder),
                                now));
                        notices.addAll(RoutingService.notices(p.order(), reconciled.get(id)));
                        allocated.addAll(reconciled.get(id).allocated());
                    }
                    return orders.saveAll(
                                    tx, planned.stream().map(Planned::order).toList(), allLines)
                            .chain(() -> audit.recordAll(tx, events))
                            .chain(() -> outbox.enqueueAll(tx, notices, now))
                            .replaceWith(allocated);
                }));
    }
}

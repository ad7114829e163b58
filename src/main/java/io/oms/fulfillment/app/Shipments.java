package io.oms.fulfillment.app;

import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.FulfillmentStep;
import io.oms.fulfillment.domain.GiveBack;
import io.oms.fulfillment.domain.PendingLine;
import io.oms.fulfillment.domain.Shipment;
import io.oms.fulfillment.persistence.FulfillmentQueries;
import io.oms.fulfillment.persistence.FulfillmentStore;
import io.oms.fulfillment.persistence.FulfillmentStore.NewShipment;
import io.oms.infra.sql.Tx;
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.InvalidTransitionException;
import io.oms.kernel.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fulfillment capability's front door: fulfillment orders (shipments) created from a routing plan, walked
 * through the warehouse, moved, shrunk by cancellations. Every method runs in the caller's transaction, which
 * has locked the order first; the stock the shipments hold is reserved, released and shipped here, through the
 * inventory's front door. What a step means for the order (quantities shipped, the order's status) is the
 * caller's to decide from what is returned: fulfillment never calls back into order.
 */
@ApplicationScoped
public class Shipments {
    private final FulfillmentStore store;
    private final Stock stock;
    private final FulfillmentQueries queries;

    public Shipments(FulfillmentStore store, Stock stock, FulfillmentQueries queries) {
        this.queries = queries;
        this.store = store;
        this.stock = stock;
    }

    /** A shipment of a plan: its location, what it holds, when it should arrive. */
    public record Planned(UUID locationId, List<Shipment.Line> lines, OffsetDateTime estimatedDeliveryAt) {}

    /** Ids of the new shipments, in plan order, and the routing pass they belong to. */
    public record Created(List<UUID> ids, int routingPass) {}

    /** Writes one OPEN fulfillment order per planned shipment; their stock was reserved by the caller. */
    public Uni<Created> create(Tx tx, UUID orderId, List<Planned> planned, OffsetDateTime now) {
        if (planned.isEmpty()) {
            return store.nextRoutingPass(tx, orderId).map(pass -> new Created(List.of(), pass));
        }
        List<NewShipment> shipments = newShipments(planned);
        return store.insertPass(tx, orderId, shipments, now)
                .map(pass -> new Created(shipments.stream().map(NewShipment::id).toList(), pass));
    }

    private static List<NewShipment> newShipments(List<Planned> planned) {
        return planned.stream()
                .map(p -> new NewShipment(UUID.randomUUID(), p.locationId(), p.lines(), p.estimatedDeliveryAt()))
                .toList();
    }

    /** {@link #create} for many orders at once, each as a new routing pass of its own. */
    public Uni<Map<UUID, Created>> createAll(Tx tx, Map<UUID, List<Planned>> plannedByOrder, OffsetDateTime now) {
        return store.nextRoutingPasses(tx, List.copyOf(plannedByOrder.keySet())).chain(passes -> {
            Map<UUID, Created> created = new LinkedHashMap<>();
            List<FulfillmentStore.NewShipments> writes = new ArrayList<>();
            plannedByOrder.forEach((orderId, planned) -> {
                List<NewShipment> shipments = newShipments(planned);
                int pass = passes.getOrDefault(orderId, 1);
                created.put(
                        orderId,
                        new Created(shipments.stream().map(NewShipment::id).toList(), pass));
                if (!shipments.isEmpty()) {
                    writes.add(new FulfillmentStore.NewShipments(orderId, pass, shipments));
                }
            });
            return store.insertAll(tx, writes, now).replaceWith(created);
        });
    }

    /** The order a fulfillment order belongs to; NOT_FOUND when there is none. */
    public Uni<UUID> orderOf(Tx tx, UUID fulfillmentOrderId) {
        return store.orderOf(tx, fulfillmentOrderId).map(orderId -> {
            if (orderId == null) {
                throw new NotFoundException("Fulfillment order", fulfillmentOrderId);
            }
            return orderId;
        });
    }

    /** The fulfillment order as the transaction sees it: what a command answers, read before it commits. */
    public Uni<FulfillmentOrderSnapshot> snapshot(Tx tx, UUID fulfillmentOrderId) {
        return queries.byId(tx, fulfillmentOrderId);
    }

    public Uni<Shipment> get(Tx tx, UUID fulfillmentOrderId) {
        return store.find(tx, fulfillmentOrderId);
    }

    /** The order's shipments in these statuses, with their lines, newest first. */
    public Uni<List<Shipment>> ofOrder(Tx tx, UUID orderId, List<FulfillmentOrderStatus> statuses) {
        return store.ofOrder(tx, orderId, statuses);
    }

    /**
     * One warehouse step. Shipping takes the units out of stock (on hand and reserved drop together) and records
     * the carrier and tracking number. Returns the shipment as it now is.
     */
    public Uni<Shipment> advance(
            Tx tx, Shipment shipment, FulfillmentStep step, String carrier, String tracking, Movement why) {
        FulfillmentOrderStatus next = step.applyTo(shipment.status());
        Uni<Void> stockOut = step != FulfillmentStep.SHIP
                ? Uni.createFrom().voidItem()
                : stock.applyHeld(
                        tx,
                        shipment.lines().stream()
                                .map(l -> LevelChange.consume(shipment.locationId(), l.sku(), l.quantity()))
                                .toList(),
                        why);
        return stockOut.chain(() -> store.setStatus(tx, shipment.id(), next, carrier, tracking, why.at()))
                .replaceWith(() -> new Shipment(
                        shipment.id(),
                        shipment.orderId(),
                        shipment.locationId(),
                        shipment.locationCode(),
                        shipment.routingPass(),
                        next,
                        carrier != null ? carrier : shipment.carrier(),
                        tracking != null ? tracking : shipment.trackingNumber(),
                        shipment.createdAt(),
                        shipment.lines()));
    }

    /**
     * Moves an OPEN shipment to another location that can take all of it: reserves there and releases here in
     * one transaction, so stock is never promised twice nor dropped. INSUFFICIENT_QUANTITY when the target lacks
     * stock; the caller checks that the target may ship to the order.
     */
    public Uni<Void> move(Tx tx, Shipment shipment, UUID toLocationId, String toCode, Movement why) {
        if (shipment.status() != FulfillmentOrderStatus.OPEN) {
            throw new InvalidTransitionException(
                    shipment.status(),
                    FulfillmentOrderStatus.OPEN,
                    "Only an OPEN fulfillment order can move; this one is " + shipment.status());
        }
        List<LevelChange> changes = new ArrayList<>();
        for (Shipment.Line line : shipment.lines()) {
            changes.add(LevelChange.reserve(toLocationId, line.sku(), line.quantity()));
            changes.add(LevelChange.release(shipment.locationId(), line.sku(), line.quantity()));
        }
        return stock.apply(tx, changes, why)
                .invoke(refused -> refused.forEach(change -> {
                    if (change.kind() == LevelChange.Kind.RESERVE) {
                        throw new InsufficientQuantityException(toCode + " cannot take all of it: not enough "
                                + change.sku() + " available for " + change.quantity());
                    }
                    throw new IllegalStateException(
                            "stock of " + change.sku() + " is not reserved for " + shipment.id());
                }))
                .chain(() -> store.nextRoutingPass(tx, shipment.orderId()))
                // A new pass: the order may already have a shipment at the target from this pass.
                .chain(pass -> store.relocate(tx, shipment.id(), toLocationId, pass, why.at()));
    }

    /** Writes a give-back plan: lines shrink, emptied shipments are cancelled, their stock is released. */
    public Uni<Void> giveBack(Tx tx, GiveBack.Plan plan, Movement why) {
        List<LevelChange> releases = plan.shrinks().stream()
                .map(s -> LevelChange.release(s.locationId(), s.sku(), s.take()))
                .toList();
        return store.shrink(tx, plan, why.at()).chain(() -> stock.applyHeld(tx, releases, why));
    }

    /**
     * Stock of a SKU at a location shrank below what is reserved: the newest OPEN shipments there give back
     * {@code units} (see {@link GiveBack#forShortfall}), releasing their reservations. INSUFFICIENT_QUANTITY when
     * the OPEN shipments hold fewer: units being picked or later are not taken back. Returns what was taken back.
     */
    public Uni<GiveBack.Plan> takeBack(Tx tx, UUID locationId, String sku, int units, Movement why) {
        return store.openAt(tx, locationId, sku).chain(open -> {
            GiveBack.Plan plan = GiveBack.forShortfall(open, sku, units);
            if (plan == null) {
                throw new InsufficientQuantityException(units + " units of " + sku + " are reserved by shipments that"
                        + " are not OPEN any more (picking or later); count them again once they have shipped");
            }
            return giveBack(tx, plan, why).replaceWith(plan);
        });
    }

    /** Lines of the order's other shipments that have not left yet: what is still to follow this one. */
    public Uni<List<PendingLine>> stillToFollow(Tx tx, UUID orderId, UUID except) {
        return store.pendingOfOthers(tx, orderId, except);
    }

    /** True when no shipment of the order is on its way (every shipped one is delivered). */
    public Uni<Boolean> everyShipmentDelivered(Tx tx, UUID orderId) {
        return store.everyShipmentDelivered(tx, orderId);
    }
}

package io.oms.order.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.backorder.app.Backorders;
import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.FulfillmentStep;
import io.oms.fulfillment.domain.Shipment;
import io.oms.idempotency.RequestKeys;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.InventoryAccess;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Caller;
import io.oms.kernel.InvalidTransitionException;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.Text;
import io.oms.kernel.Times;
import io.oms.kernel.ValidationException;
import io.oms.notification.Outbox;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The warehouse steps of a shipment and moving it to another location: the use cases that change a fulfillment
 * order and, from what fulfillment returns, the order that follows it (units shipped, the order's status, the
 * customer's shipment notice). Every command locks the order row first, so steps, moves and cancellations of one
 * order apply one at a time, in any replica.
 */
@ApplicationScoped
public class ShipmentService {
    private static final Logger LOG = Logger.getLogger(ShipmentService.class);
    private static final Map<FulfillmentStep, EventType> EVENTS = Map.of(
            FulfillmentStep.START_PICKING, EventType.FULFILLMENT_PICKING_STARTED,
            FulfillmentStep.MARK_PICKED, EventType.FULFILLMENT_PICKED,
            FulfillmentStep.MARK_PACKED, EventType.FULFILLMENT_PACKED,
            FulfillmentStep.SHIP, EventType.FULFILLMENT_SHIPPED,
            FulfillmentStep.MARK_DELIVERED, EventType.FULFILLMENT_DELIVERED);

    private final Transactions transactions;
    private final Orders orders;
    private final Shipments shipments;
    private final Backorders backorders;
    private final Stock stock;
    private final StatusFollower follower;
    private final AuditLog audit;
    private final Outbox outbox;
    private final OrderConfig config;
    private final RequestKeys requestKeys;
    private final Clock clock;

    public ShipmentService(
            Transactions transactions,
            Orders orders,
            Shipments shipments,
            Backorders backorders,
            Stock stock,
            StatusFollower follower,
            AuditLog audit,
            Outbox outbox,
            OrderConfig config,
            RequestKeys requestKeys,
            Clock clock) {
        this.requestKeys = requestKeys;
        this.transactions = transactions;
        this.orders = orders;
        this.shipments = shipments;
        this.backorders = backorders;
        this.stock = stock;
        this.follower = follower;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** An order locked with one of its shipments. */
    private record Locked(Order order, Shipment shipment) {}

    /** One warehouse step; shipping also takes the stock out and tells the customer. */
    public Uni<FulfillmentOrderSnapshot> advance(
            Caller caller, UUID fulfillmentOrderId, FulfillmentStep step, String carrier, String trackingNumber) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        boolean shipping = step == FulfillmentStep.SHIP;
        String cleanCarrier = shipping ? Text.required(carrier, "carrier", config.maxCarrierLength()) : null;
        String cleanTracking =
                shipping ? Text.required(trackingNumber, "trackingNumber", config.maxTrackingNumberLength()) : null;
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> lock(tx, fulfillmentOrderId)
                .chain(locked -> {
                    Shipment before = locked.shipment();
                    InventoryAccess.checkActsAt(caller, before.locationCode());
                    Movement why = new Movement("shipped", caller.actor(), before.orderId(), now);
                    return shipments
                            .advance(tx, before, step, cleanCarrier, cleanTracking, why)
                            .chain(after -> {
                                Map<String, Object> details = new LinkedHashMap<>();
                                details.put("fulfillmentOrderId", after.id().toString());
                                details.put("location", after.locationCode());
                                details.put("from", before.status().name());
                                details.put("to", after.status().name());
                                if (shipping) {
                                    details.put("carrier", cleanCarrier);
                                    details.put("trackingNumber", cleanTracking);
                                }
                                AuditEntry stepEvent = AuditEntry.of(
                                        after.orderId(), EVENTS.get(step), caller.actor(), null, details, now);
                                if (!shipping && step != FulfillmentStep.MARK_DELIVERED) {
                                    return audit.record(tx, stepEvent);
                                }
                                // Shipping and delivery move the order along: its lines count what left, its status
                                // follows.
                                return orders.lines(tx, after.orderId()).chain(lines -> {
                                    Uni<Void> shipped = Uni.createFrom().voidItem();
                                    if (shipping) {
                                        countShipped(lines, after);
                                        shipped = shipmentNotice(tx, locked.order(), after, now);
                                    }
                                    return shipped.chain(() -> follower.follow(
                                                    tx,
                                                    locked.order(),
                                                    lines,
                                                    caller.actor(),
                                                    "follows its shipments",
                                                    now))
                                            .chain(statusChanges -> {
                                                List<AuditEntry> entries = new ArrayList<>();
                                                entries.add(stepEvent);
                                                entries.addAll(statusChanges);
                                                return orders.save(tx, locked.order(), lines)
                                                        .chain(() -> audit.recordAll(tx, entries));
                                            });
                                });
                            })
                            .invoke(() -> LOG.infof(
                                    "Fulfillment order %s at %s: %s -> %s by %s",
                                    before.id(), before.locationCode(), before.status(), step.to(), caller.actor()));
                })
                .chain(() -> shipments.snapshot(tx, fulfillmentOrderId)));
    }

    private static void countShipped(List<OrderLine> lines, Shipment shipment) {
        Map<UUID, OrderLine> byId = new HashMap<>();
        lines.forEach(l -> byId.put(l.id(), l));
        shipment.lines().forEach(l -> byId.get(l.orderLineId()).change(q -> q.ship(l.quantity())));
    }

    /** Tells the customer what is in this parcel and what is still to follow, with dates where known. */
    private Uni<Void> shipmentNotice(Tx tx, Order order, Shipment shipment, OffsetDateTime now) {
        return shipments
                .stillToFollow(tx, order.id(), shipment.id())
                .chain(pending -> backorders.openOf(tx, order.id()).chain(open -> {
                    List<Map<String, Object>> toFollow = new ArrayList<>();
                    pending.forEach(p -> toFollow.add(item(p.sku(), p.quantity(), p.estimatedDeliveryAt())));
                    open.forEach(b -> toFollow.add(item(b.sku(), b.quantity(), b.expectedAt())));
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("orderNumber", order.number());
                    payload.put("fulfillmentOrderId", shipment.id().toString());
                    payload.put("carrier", shipment.carrier());
                    payload.put("trackingNumber", shipment.trackingNumber());
                    payload.put(
                            "items",
                            shipment.lines().stream()
                                    .map(l -> item(l.sku(), l.quantity(), null))
                                    .toList());
                    payload.put("toFollow", toFollow);
                    return outbox.enqueue(
                            tx,
                            new Outbox.Notice(Outbox.Kind.SHIPMENT_SHIPPED, order.id(), order.email(), payload),
                            now);
                }));
    }

    private static Map<String, Object> item(String sku, int quantity, OffsetDateTime expected) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("quantity", quantity);
        if (expected != null) {
            item.put("expectedAt", expected.toString());
        }
        return item;
    }

    /**
     * Moves an OPEN fulfillment order to another location that ships to the order's country and can take all of
     * it; reserves there before releasing here (see {@link Shipments#move}).
     */
    public Uni<FulfillmentOrderSnapshot> move(
            Caller caller, UUID fulfillmentOrderId, UUID toLocationId, String idempotencyKey) {
        caller.require(Role.ADMIN);
        String key = Text.optional(idempotencyKey, "idempotencyKey", config.maxIdempotencyKeyLength());
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "moveFulfillmentOrder",
                        fulfillmentOrderId + "|" + toLocationId,
                        now,
                        () -> moveLocked(tx, caller, fulfillmentOrderId, toLocationId, now)
                                .replaceWith(new JsonObject()))
                .chain(() -> shipments.snapshot(tx, fulfillmentOrderId)));
    }

    private Uni<Void> moveLocked(Tx tx, Caller caller, UUID fulfillmentOrderId, UUID toLocationId, OffsetDateTime now) {
        return lock(tx, fulfillmentOrderId).chain(locked -> {
            Shipment shipment = locked.shipment();
            if (shipment.status() != FulfillmentOrderStatus.OPEN) {
                throw new InvalidTransitionException(
                        shipment.status(),
                        FulfillmentOrderStatus.OPEN,
                        "Only an OPEN fulfillment order can move; this one is " + shipment.status());
            }
            if (shipment.locationId().equals(toLocationId)) {
                throw new ValidationException("toLocationId", "the fulfillment order is already at this location");
            }
            return stock.location(tx, toLocationId).chain(target -> {
                checkCanShip(target, toLocationId, locked.order());
                return shipments
                        .move(
                                tx,
                                shipment,
                                toLocationId,
                                target.code(),
                                new Movement(
                                        "moved from " + shipment.locationCode() + " to " + target.code(),
                                        caller.actor(),
                                        shipment.orderId(),
                                        now))
                        .chain(() -> audit.record(
                                tx,
                                AuditEntry.of(
                                        shipment.orderId(),
                                        EventType.FULFILLMENT_MOVED,
                                        caller.actor(),
                                        null,
                                        Map.of(
                                                "fulfillmentOrderId",
                                                shipment.id().toString(),
                                                "from",
                                                shipment.locationCode(),
                                                "to",
                                                target.code()),
                                        now)));
            });
        });
    }

    private static void checkCanShip(LocationSnapshot target, UUID toLocationId, Order order) {
        if (target == null) {
            throw new NotFoundException("Location", toLocationId);
        }
        if (!target.active()) {
            throw new ValidationException("toLocationId", target.code() + " is not active");
        }
        if (!target.countries().contains(order.shipCountry())) {
            throw new ValidationException("toLocationId", target.code() + " does not ship to " + order.shipCountry());
        }
    }

    private Uni<Locked> lock(Tx tx, UUID fulfillmentOrderId) {
        return shipments
                .orderOf(tx, fulfillmentOrderId)
                .chain(orderId -> orders.lock(tx, orderId))
                .chain(order -> shipments.get(tx, fulfillmentOrderId).map(shipment -> new Locked(order, shipment)));
    }
}

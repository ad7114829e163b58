package io.oms.fulfillment.app;

import io.oms.kernel.Times;
import io.oms.audit.AuditRecorder;
import io.oms.backorder.persistence.BackorderRepository;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.FulfillmentStep;
import io.oms.fulfillment.persistence.FulfillmentOrderEntity;
import io.oms.fulfillment.persistence.FulfillmentOrderRepository;
import io.oms.inventory.domain.InventoryAccess;
import io.oms.inventory.persistence.LocationEntity;
import io.oms.inventory.persistence.LocationRepository;
import io.oms.inventory.persistence.Reservations;
import io.oms.notification.Outbox;
import io.oms.order.app.OrderStatusFollower;
import io.oms.order.persistence.OrderEntity;
import io.oms.order.persistence.OrderLineEntity;
import io.oms.order.persistence.OrderLineRepository;
import io.oms.order.persistence.OrderRepository;
import io.oms.kernel.Caller;
import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Role;
import io.oms.kernel.ValidationException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The warehouse steps of a fulfillment order and moving it to another location. Every command locks the
 * order row first, so steps, moves and cancellations of one order apply one at a time, in any replica.
 */
@ApplicationScoped
public class FulfillmentService {
    private static final Logger LOG = Logger.getLogger(FulfillmentService.class);
    private static final int MAX_CARRIER = 100;
    private static final int MAX_TRACKING = 200;

    private final FulfillmentOrderRepository fulfillmentOrders;
    private final OrderRepository orders;
    private final OrderLineRepository orderLines;
    private final LocationRepository locations;
    private final BackorderRepository backorders;
    private final Reservations stock;
    private final AuditRecorder audit;
    private final Outbox outbox;
    private final OrderStatusFollower follower;
    private final Clock clock;

    public FulfillmentService(FulfillmentOrderRepository fulfillmentOrders, OrderRepository orders,
            OrderLineRepository orderLines, LocationRepository locations, BackorderRepository backorders,
            Reservations stock, AuditRecorder audit, Outbox outbox, OrderStatusFollower follower, Clock clock) {
        this.follower = follower;
        this.fulfillmentOrders = fulfillmentOrders;
        this.orders = orders;
        this.orderLines = orderLines;
        this.locations = locations;
        this.backorders = backorders;
        this.stock = stock;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    private record Locked(OrderEntity order, FulfillmentOrderEntity fulfillmentOrder, LocationEntity location) {
    }

    /** One warehouse step; shipping also takes the stock out and tells the customer. */
    @WithTransaction
    public Uni<UUID> advance(Caller caller, UUID fulfillmentOrderId, FulfillmentStep step, String carrier,
            String trackingNumber) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String cleanCarrier = step == FulfillmentStep.SHIP ? text(carrier, "carrier", MAX_CARRIER) : null;
        String cleanTracking = step == FulfillmentStep.SHIP ? text(trackingNumber, "trackingNumber", MAX_TRACKING)
                : null;
        OffsetDateTime now = now();
        return lock(fulfillmentOrderId).chain(locked -> {
            InventoryAccess.checkActsAt(caller, locked.location().code);
            FulfillmentOrderEntity fo = locked.fulfillmentOrder();
            FulfillmentOrderStatus from = fo.status;
            fo.status = step.applyTo(from);
            fo.updatedAt = now;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fulfillmentOrderId", fo.id.toString());
            details.put("location", locked.location().code);
            details.put("from", from.name());
            details.put("to", fo.status.name());
            // Shipping and delivery move the order along; they need its lines (shipping changes them).
            Uni<List<OrderLineEntity>> effects = step == FulfillmentStep.MARK_DELIVERED
                    ? orderLines.linesOf(fo.orderId) : Uni.createFrom().nullItem();
            if (step == FulfillmentStep.SHIP) {
                fo.carrier = cleanCarrier;
                fo.trackingNumber = cleanTracking;
                details.put("carrier", cleanCarrier);
                details.put("trackingNumber", cleanTracking);
                effects = ship(locked, caller, now);
            }
            return effects
                    .call(() -> audit.record(fo.orderId, step.eventType(), null, null, caller.actor(), null, details,
                            now))
                    .call(() -> fulfillmentOrders.flush())
                    .chain(lines -> lines == null ? Uni.createFrom().voidItem()
                            : follower.follow(locked.order(), lines, caller, "follows its shipments", now))
                    .invoke(() -> LOG.infof("Fulfillment order %s at %s: %s -> %s by %s", fo.id,
                            locked.location().code, from, fo.status, caller.actor()))
                    .replaceWith(fo.id);
        });
    }

    /**
     * Moves an OPEN fulfillment order to another location: reserves everything there first, then releases
     * the old reservation, so stock is never promised twice nor dropped. Refused when the new location
     * cannot take all of it.
     */
    @WithTransaction
    public Uni<UUID> move(Caller caller, UUID fulfillmentOrderId, UUID toLocationId) {
        caller.require(Role.ADMIN);
        OffsetDateTime now = now();
        return lock(fulfillmentOrderId).chain(locked -> {
            FulfillmentOrderEntity fo = locked.fulfillmentOrder();
            if (fo.status != FulfillmentOrderStatus.OPEN) {
                throw new FulfillmentStep.InvalidStepException(fo.status, FulfillmentOrderStatus.OPEN,
                        "Only an OPEN fulfillment order can move; this one is " + fo.status);
            }
            if (fo.locationId.equals(toLocationId)) {
                throw new ValidationException("toLocationId", "the fulfillment order is already at this location");
            }
            return locations.findById(toLocationId).chain(target -> {
                checkCanShip(target, toLocationId, locked.order());
                // Reserve there and release here in one transaction, level rows in (location, sku) order like
                // every other stock change, so concurrent moves and routings cannot deadlock.
                return fulfillmentOrders.linesOf(fo.id)
                        .call(lines -> each(stockChangesInLockOrder(lines, fo.locationId, toLocationId), change ->
                                change.reserve()
                                        ? stock.reserve(change.location(), change.sku(), change.quantity(), fo.orderId,
                                                "moved from " + locked.location().code, caller.actor(), now)
                                                .invoke(ok -> {
                                                    if (!ok) {
                                                        throw new InsufficientQuantityException(target.code
                                                                + " cannot take all of it: not enough " + change.sku()
                                                                + " available for " + change.quantity());
                                                    }
                                                })
                                        : stock.release(change.location(), change.sku(), change.quantity(),
                                                fo.orderId, "moved to " + target.code, caller.actor(), now)
                                                .invoke(ok -> {
                                                    if (!ok) {
                                                        throw new IllegalStateException("stock of " + change.sku()
                                                                + " is not reserved for " + fo.id);
                                                    }
                                                })))
                        .chain(lines -> fulfillmentOrders.nextRoutingPass(fo.orderId))
                        .chain(pass -> {
                            fo.locationId = toLocationId;
                            // A new pass: the order may already have a shipment at the target from this pass.
                            fo.routingPass = pass;
                            fo.updatedAt = now;
                            return audit.record(fo.orderId, "FULFILLMENT_MOVED", null, null, caller.actor(), null,
                                    Map.of("fulfillmentOrderId", fo.id.toString(), "from", locked.location().code,
                                            "to", target.code),
                                    now);
                        })
                        .chain(() -> fulfillmentOrders.flush())
                        .replaceWith(fo.id);
            });
        });
    }

    private record StockChange(UUID location, String sku, int quantity, boolean reserve) {
    }

    private static List<StockChange> stockChangesInLockOrder(List<FulfillmentOrderRepository.Line> lines,
            UUID from, UUID to) {
        List<StockChange> changes = new ArrayList<>();
        for (FulfillmentOrderRepository.Line line : lines) {
            changes.add(new StockChange(to, line.sku(), line.quantity(), true));
            changes.add(new StockChange(from, line.sku(), line.quantity(), false));
        }
        changes.sort(java.util.Comparator.comparing(StockChange::location).thenComparing(StockChange::sku));
        return changes;
    }

    private static void checkCanShip(LocationEntity target, UUID toLocationId, OrderEntity order) {
        if (target == null) {
            throw new NotFoundException("Location", toLocationId);
        }
        if (!target.active) {
            throw new ValidationException("toLocationId", target.code + " is not active");
        }
        if (!Arrays.asList(target.countries).contains(order.shipCountry)) {
            throw new ValidationException("toLocationId", target.code + " does not ship to " + order.shipCountry);
        }
    }

    private Uni<Locked> lock(UUID fulfillmentOrderId) {
        return fulfillmentOrders.orderIdOf(fulfillmentOrderId).chain(orderId -> {
            if (orderId == null) {
                throw new NotFoundException("Fulfillment order", fulfillmentOrderId);
            }
            return orders.findForUpdate(orderId);
        }).chain(order -> fulfillmentOrders.findById(fulfillmentOrderId)
                .chain(fo -> locations.findById(fo.locationId).map(location -> new Locked(order, fo, location))));
    }

    /** The units leave: on hand and reserved drop together, the lines count them shipped; returns the lines. */
    private Uni<List<OrderLineEntity>> ship(Locked locked, Caller caller, OffsetDateTime now) {
        FulfillmentOrderEntity fo = locked.fulfillmentOrder();
        return fulfillmentOrders.linesOf(fo.id).chain(lines -> each(lines, line -> stock.consume(fo.locationId,
                line.sku(), line.quantity(), fo.orderId, "shipped", caller.actor(), now).invoke(ok -> {
                    if (!ok) {
                        throw new IllegalStateException("stock of " + line.sku() + " at " + locked.location().code
                                + " is not reserved for fulfillment order " + fo.id);
                    }
                }))
                .chain(() -> orderLines.linesOf(fo.orderId))
                .invoke(orderLineList -> {
                    for (OrderLineEntity orderLine : orderLineList) {
                        lines.stream().filter(l -> l.orderLineId().equals(orderLine.id)).forEach(l -> {
                            orderLine.quantityAllocated -= l.quantity();
                            orderLine.quantityShipped += l.quantity();
                        });
                    }
                })
                .call(() -> shipmentNotice(locked, lines, now)));
    }

    /** Tells the customer what is in this parcel and what is still to follow, with dates where known. */
    private Uni<Void> shipmentNotice(Locked locked, List<FulfillmentOrderRepository.Line> shipped,
            OffsetDateTime now) {
        FulfillmentOrderEntity fo = locked.fulfillmentOrder();
        return fulfillmentOrders.pendingLinesOfOtherShipments(fo.orderId, fo.id)
                .chain(pending -> backorders.openOf(fo.orderId).map(open -> {
                    List<Map<String, Object>> toFollow = new ArrayList<>();
                    pending.forEach(p -> toFollow.add(item(p.sku(), p.quantity(), p.estimatedDeliveryAt())));
                    open.forEach(b -> toFollow.add(item(b.sku, b.quantity, b.expectedAt)));
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("orderNumber", locked.order().number);
                    payload.put("fulfillmentOrderId", fo.id.toString());
                    payload.put("carrier", fo.carrier);
                    payload.put("trackingNumber", fo.trackingNumber);
                    payload.put("items", shipped.stream().map(l -> item(l.sku(), l.quantity(), null)).toList());
                    payload.put("toFollow", toFollow);
                    return payload;
                }))
                .chain(payload -> outbox.enqueue(Outbox.Kind.SHIPMENT_SHIPPED, fo.orderId, locked.order().email,
                        payload, now));
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

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> action) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(action::apply)
                .collect().asList().replaceWithVoid();
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new ValidationException(field, field + " must be 1-" + max + " characters");
        }
        return value.strip();
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

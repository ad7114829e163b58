package io.oms.routing.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.backorder.app.BackorderConfig;
import io.oms.backorder.app.BackorderReader;
import io.oms.backorder.app.Backorders;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.GiveBack;
import io.oms.idempotency.RequestKeys;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.oms.inventory.app.InventoryService;
import io.oms.inventory.app.InventoryService.PlannedAdjustment;
import io.oms.inventory.domain.InventoryLevelSnapshot;
import io.oms.inventory.domain.LevelKey;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.Text;
import io.oms.kernel.Times;
import io.oms.order.app.Orders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Stock comes and goes: a receipt, a count that found more or less (damage, loss), stock announced on its way.
 * Each changes the level in one transaction with everything that must follow at once: the expected dates of the
 * backorders waiting for that SKU, the units held for them (first in, first out), and for a shortfall the units
 * taken back from the newest shipments not yet started and their orders routed again. The fill of the waiting
 * backorders then runs in passes of its own (see {@link BackorderFiller}); a receipt waits for it a little, so a
 * small restock answers with what it filled, and never reports failure for stock that was committed.
 */
@ApplicationScoped
public class Restock {
    static final String ACTOR_TAKE_BACK = "system:stock-taken-back";
    private static final Logger LOG = Logger.getLogger(Restock.class);
    private static final int MAX_KEY = 200;

    private final Transactions transactions;
    private final InventoryService inventory;
    private final Backorders backorders;
    private final BackorderReader backorderReader;
    private final Shipments shipments;
    private final Orders orders;
    private final RoutingService routing;
    private final BackorderFiller filler;
    private final RequestKeys requestKeys;
    private final AuditLog audit;
    private final BackorderConfig config;
    private final Clock clock;

    public Restock(
            Transactions transactions,
            InventoryService inventory,
            Backorders backorders,
            BackorderReader backorderReader,
            Shipments shipments,
            Orders orders,
            RoutingService routing,
            BackorderFiller filler,
            RequestKeys requestKeys,
            AuditLog audit,
            BackorderConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.backorders = backorders;
        this.backorderReader = backorderReader;
        this.shipments = shipments;
        this.orders = orders;
        this.routing = routing;
        this.filler = filler;
        this.requestKeys = requestKeys;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** What a receipt answers: the level, and the backorders its fill allocated (oldest first). */
    public record Received(InventoryLevelSnapshot level, List<BackorderSnapshot> backordersAllocated) {}

    /** What a committed change answers, and whether this call made it (false: a replay of its key). */
    private record Committed(InventoryLevelSnapshot level, JsonObject result, boolean fresh) {}

    /** Stock arrived; answers with the level and the backorders its fill allocated. */
    public Uni<Received> receive(Caller caller, UUID locationId, String rawSku, int quantity, String rawKey) {
        String sku = inventory.checkQuantity(caller, rawSku, quantity);
        String key = Text.optional(rawKey, "idempotencyKey", MAX_KEY);
        OffsetDateTime now = Times.now(clock);
        AtomicBoolean fresh = new AtomicBoolean();
        return transactions
                .run(tx -> requestKeys
                        .once(tx, caller, key, "receiveStock", locationId + "|" + sku + "|" + quantity, now, () -> {
                            fresh.set(true);
                            return inventory
                                    .receive(tx, caller, locationId, sku, quantity, now)
                                    .chain(() -> backorders.redate(tx, List.of(sku), now))
                                    .replaceWith(new JsonObject().put("allocated", new JsonArray()));
                        })
                        .chain(result -> inventory
                                .level(tx, locationId, sku)
                                .map(level -> new Committed(level, result, fresh.get()))))
                .chain(committed -> {
                    if (!committed.fresh()) {
                        return replayed(committed, locationId, sku);
                    }
                    return fillBriefly(new LevelKey(locationId, sku))
                            .chain(allocated -> recordAllocated(caller, key, allocated)
                                    .chain(() -> levelAfter(committed.level(), locationId, sku))
                                    .map(level -> new Received(level, allocated)));
                });
    }

    /** A count or correction of on-hand stock; a shortfall below what is reserved is taken back and re-routed. */
    public Uni<InventoryLevelSnapshot> adjust(
            Caller caller, UUID locationId, String rawSku, int delta, String reason, String rawKey) {
        var adjustment = inventory.checkAdjustment(caller, locationId, rawSku, delta, reason);
        String key = Text.optional(rawKey, "idempotencyKey", MAX_KEY);
        OffsetDateTime now = Times.now(clock);
        AtomicBoolean fresh = new AtomicBoolean();
        return transactions
                .run(tx -> requestKeys
                        .once(
                                tx,
                                caller,
                                key,
                                "adjustInventory",
                                locationId + "|" + adjustment.sku() + "|" + delta + "|" + adjustment.reason(),
                                now,
                                () -> {
                                    fresh.set(true);
                                    return inventory
                                            .plan(tx, caller, adjustment, now)
                                            .chain(planned -> adjust(tx, caller, planned, now))
                                            .replaceWith(new JsonObject());
                                })
                        .chain(result -> inventory.level(tx, locationId, adjustment.sku())))
                .chain(level -> fresh.get() && delta > 0
                        ? fillBriefly(new LevelKey(locationId, adjustment.sku()))
                                .chain(() -> levelAfter(level, locationId, adjustment.sku()))
                        : Uni.createFrom().item(level));
    }

    /** What an import answers: the location's levels that changed, out of how many rows. */
    public record Imported(UUID locationId, int rows, int changed) {}

    /**
     * An inventory import at one location: all rows or none (see {@link InventoryService#importCounts}); then,
     * like a receipt, what rose is filled to the waiting backorders (in passes of its own, after the answer).
     */
    public Uni<Imported> importCounts(
            Caller caller, UUID locationId, List<io.oms.inventory.domain.LevelCount> rawRows, String rawKey) {
        var rows = inventory.checkImport(caller, rawRows);
        String key = Text.optional(rawKey, "idempotencyKey", MAX_KEY);
        OffsetDateTime now = Times.now(clock);
        AtomicBoolean fresh = new AtomicBoolean();
        return transactions
                .run(tx -> requestKeys.once(tx, caller, key, "importInventory", locationId + "|" + rows, now, () -> {
                    fresh.set(true);
                    return inventory
                            .importCounts(tx, caller, locationId, rows, now)
                            .call(changed -> backorders.redate(
                                    tx, rows.stream().map(r -> r.sku()).toList(), now))
                            .map(changed -> new JsonObject().put("changed", changed));
                }))
                .map(result -> {
                    if (fresh.get()) {
                        // The fills were asked for in the transaction (NOTIFY on commit): any replica runs them.
                        LOG.infof(
                                "Import at %s: %d of %d level(s) changed",
                                locationId, result.getInteger("changed"), rows.size());
                    }
                    return new Imported(locationId, rows.size(), result.getInteger("changed", 0));
                });
    }

    /** Records stock on its way; open backorders of the SKU take their expected dates from it. */
    public Uni<InventoryLevelSnapshot> addIncoming(
            Caller caller, UUID locationId, String rawSku, int quantity, OffsetDateTime expectedAt, String rawKey) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String sku = inventory.checkQuantity(caller, rawSku, quantity);
        String key = Text.optional(rawKey, "idempotencyKey", MAX_KEY);
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> requestKeys
                .once(
                        tx,
                        caller,
                        key,
                        "addIncomingStock",
                        locationId + "|" + sku + "|" + quantity + "|"
                                + (expectedAt == null ? null : expectedAt.toInstant()),
                        now,
                        () -> inventory
                                .addIncoming(tx, caller, locationId, sku, quantity, expectedAt, now)
                                .chain(() -> backorders.redate(tx, List.of(sku), now))
                                .replaceWith(new JsonObject()))
                .chain(result -> inventory.level(tx, locationId, sku)));
    }

    /**
     * Applies a planned adjustment. A shortfall (the count found fewer units than open shipments hold) is first
     * taken back from the newest shipments at that location that are not picked yet; their orders are routed again
     * at once, to another location or onto a backorder, with the usual events and notices.
     */
    private Uni<Void> adjust(Tx tx, Caller caller, PlannedAdjustment planned, OffsetDateTime now) {
        if (planned.shortfall() == 0) {
            return inventory.apply(tx, caller, planned, now);
        }
        var adjustment = planned.adjustment();
        Movement why = new Movement("taken back: " + adjustment.reason(), caller.actor(), null, now);
        return shipments
                .takeBack(tx, adjustment.locationId(), adjustment.sku(), planned.shortfall(), why)
                .call(() -> inventory.apply(tx, caller, planned, now))
                .chain(plan -> reroute(tx, caller, plan, adjustment.reason(), now));
    }

    /** The orders that gave units back: their lines count them unrouted, then routing places them again. */
    private Uni<Void> reroute(Tx tx, Caller caller, GiveBack.Plan plan, String reason, OffsetDateTime now) {
        Map<UUID, List<GiveBack.Shrink>> byOrder = new TreeMap<>();
        plan.shrinks()
                .forEach(s -> byOrder.computeIfAbsent(s.orderId(), k -> new ArrayList<>())
                        .add(s));
        LOG.infof("Shortfall of %s: %d order(s) give units back and are routed again", reason, byOrder.size());
        return Multi.createFrom()
                .iterable(byOrder.entrySet())
                .onItem()
                .transformToUniAndConcatenate(entry -> orders.lock(tx, entry.getKey())
                        .chain(order -> orders.lines(tx, order.id()).chain(lines -> {
                            Map<UUID, Integer> units = new LinkedHashMap<>();
                            entry.getValue().forEach(s -> units.merge(s.orderLineId(), s.take(), Integer::sum));
                            lines.stream()
                                    .filter(l -> units.containsKey(l.id()))
                                    .forEach(l -> l.change(q -> q.takeBack(units.get(l.id()))));
                            order.touch(now);
                            return orders.save(tx, order, lines)
                                    .chain(() -> audit.record(
                                            tx,
                                            AuditEntry.of(
                                                    order.id(),
                                                    EventType.STOCK_TAKEN_BACK,
                                                    caller.actor(),
                                                    reason,
                                                    takenBack(entry.getValue()),
                                                    now)));
                        }))
                        .chain(() -> routing.route(tx, entry.getKey(), ACTOR_TAKE_BACK, false)))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private static Map<String, Object> takenBack(List<GiveBack.Shrink> shrinks) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "fulfillmentOrderIds",
                shrinks.stream()
                        .map(s -> s.fulfillmentOrderId().toString())
                        .distinct()
                        .toList());
        details.put("sku", shrinks.get(0).sku());
        details.put("quantity", shrinks.stream().mapToInt(GiveBack.Shrink::take).sum());
        return details;
    }

    /**
     * Runs the level's fill and waits for it at most {@code fillWaitInRequest}: what it allocated by then is
     * answered, the rest goes on (the held stock is safe from newer orders meanwhile). A failed fill is logged and
     * retried by the sweeper; it never fails the change that caused it, which has committed.
     */
    private Uni<List<BackorderSnapshot>> fillBriefly(LevelKey level) {
        List<BackorderSnapshot> allocated = new CopyOnWriteArrayList<>();
        var pass = filler.fill(level, allocated)
                .onFailure()
                .invoke(error -> LOG.warnf("Fill of %s after a stock change failed: %s", level, error.getMessage()))
                .onFailure()
                .recoverWithNull()
                .subscribeAsCompletionStage();
        // The wait ends at the time-out, the fill does not: a time-out cancels the stage it waits on, and cancelling
        // the pass's own stage would cancel the pass (the rest then waited for the sweeper). It waits on a stage
        // that depends on the pass, whose cancellation leaves the pass running.
        return Uni.createFrom()
                .completionStage(pass.thenApply(done -> done))
                .ifNoItem()
                .after(config.fillWaitInRequest())
                .recoverWithItem((Void) null)
                .map(ignored -> List.copyOf(allocated));
    }

    /** Adds what the fill allocated to the key's recorded answer, so a retry answers the same. Best effort. */
    private Uni<Void> recordAllocated(Caller caller, String key, List<BackorderSnapshot> allocated) {
        if (key == null || allocated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray ids = new JsonArray();
        allocated.forEach(b -> ids.add(b.id().toString()));
        return transactions
                .run(tx -> requestKeys.amend(tx, caller, key, new JsonObject().put("allocated", ids)))
                .onFailure()
                .invoke(error ->
                        LOG.warnf("Receipt %s: allocated backorders not recorded: %s", key, error.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** The level after the fill; the committed one when it cannot be read (the change is done either way). */
    private Uni<InventoryLevelSnapshot> levelAfter(InventoryLevelSnapshot committed, UUID locationId, String sku) {
        return inventory.level(locationId, sku).onFailure().recoverWithItem(committed);
    }

    private Uni<Received> replayed(Committed committed, UUID locationId, String sku) {
        List<UUID> ids = committed.result().getJsonArray("allocated", new JsonArray()).stream()
                .map(id -> UUID.fromString((String) id))
                .toList();
        return backorderReader.afterCommand(ids).map(allocated -> new Received(committed.level(), allocated));
    }
}

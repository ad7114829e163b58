package io.oms.backorder.app;

import io.oms.backorder.domain.BackorderCancellation;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderReconciliation;
import io.oms.backorder.domain.BackorderReconciliation.LineOutcome;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.domain.ExpectedDates;
import io.oms.backorder.persistence.BackorderStore;
import io.oms.infra.sql.Tx;
import io.oms.inventory.app.Stock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The backorder capability's front door: what waits for stock, inside the caller's transaction. Routing
 * reconciles an order's backorders with its plan, a cancellation takes quantity off them, and every change of
 * what waits or what is coming keeps the expected dates true.
 */
@ApplicationScoped
public class Backorders {
    private final BackorderStore store;
    private final Stock stock;

    public Backorders(BackorderStore store, Stock stock) {
        this.store = store;
        this.stock = stock;
    }

    /** The order's open backorders, oldest first. */
    public Uni<List<BackorderSnapshot>> openOf(Tx tx, UUID orderId) {
        return store.openOf(tx, orderId);
    }

    /** What a reconciliation created (with expected dates) and allocated (oldest first). */
    public record Reconciled(List<BackorderSnapshot> created, List<BackorderSnapshot> allocated) {}

    /**
     * Brings the order's open backorders in line with a routing pass (see {@link BackorderReconciliation}); new
     * backorders get their expected dates at once, since their notice carries it.
     */
    public Uni<Reconciled> reconcile(Tx tx, UUID orderId, List<LineOutcome> lines, OffsetDateTime now) {
        return reconcileAll(tx, Map.of(orderId, lines), now).map(all -> all.get(orderId));
    }

    /** {@link #reconcile} for many orders at once: a few statements for all of them (a batch fill). */
    public Uni<Map<UUID, Reconciled>> reconcileAll(
            Tx tx, Map<UUID, List<LineOutcome>> linesByOrder, OffsetDateTime now) {
        return store.openOfOrders(tx, List.copyOf(linesByOrder.keySet())).chain(openByOrder -> {
            List<BackorderSnapshot> inserts = new ArrayList<>();
            List<UUID> filled = new ArrayList<>();
            Map<UUID, Integer> resized = new LinkedHashMap<>();
            Map<UUID, List<BackorderSnapshot>> created = new LinkedHashMap<>();
            Map<UUID, List<BackorderSnapshot>> allocated = new LinkedHashMap<>();
            linesByOrder.forEach((orderId, lines) -> {
                List<BackorderSnapshot> newOnes = created.computeIfAbsent(orderId, k -> new ArrayList<>());
                List<BackorderSnapshot> filledOnes = allocated.computeIfAbsent(orderId, k -> new ArrayList<>());
                for (var change :
                        BackorderReconciliation.reconcile(openByOrder.getOrDefault(orderId, List.of()), lines)) {
                    if (change instanceof BackorderReconciliation.Fill fill) {
                        filled.add(fill.backorder().id());
                        filledOnes.add(fill.backorder());
                    } else if (change instanceof BackorderReconciliation.FillPart part) {
                        BackorderSnapshot b = part.backorder();
                        BackorderSnapshot allocatedPart = new BackorderSnapshot(
                                UUID.randomUUID(),
                                b.orderId(),
                                b.orderLineId(),
                                b.sku(),
                                part.quantity(),
                                BackorderStatus.ALLOCATED,
                                b.decision(),
                                null,
                                b.createdAt(),
                                now);
                        inserts.add(allocatedPart);
                        filledOnes.add(allocatedPart);
                        resized.put(b.id(), b.quantity() - part.quantity());
                    } else if (change instanceof BackorderReconciliation.Create create) {
                        BackorderSnapshot b = new BackorderSnapshot(
                                UUID.randomUUID(),
                                orderId,
                                create.lineId(),
                                create.sku(),
                                create.quantity(),
                                BackorderStatus.OPEN,
                                BackorderDecision.WAIT,
                                null,
                                now,
                                null);
                        inserts.add(b);
                        newOnes.add(b);
                    }
                }
            });
            List<BackorderSnapshot> newBackorders =
                    created.values().stream().flatMap(List::stream).toList();
            return store.close(tx, filled, BackorderStatus.ALLOCATED, now)
                    .chain(() -> store.resize(tx, resized, now))
                    .chain(() -> store.insert(tx, inserts, now))
                    // Only new backorders need a date now (their notice carries it); a fill leaves the others'
                    // dates to the end of its pass, which refreshes them once, not once per order.
                    .chain(() -> dateNew(tx, newBackorders, now))
                    .map(dates -> {
                        Map<UUID, Reconciled> result = new LinkedHashMap<>();
                        linesByOrder
                                .keySet()
                                .forEach(orderId -> result.put(
                                        orderId,
                                        new Reconciled(
                                                created.get(orderId).stream()
                                                        .map(b -> withDate(b, dates.get(b.id())))
                                                        .toList(),
                                                allocated.get(orderId))));
                        return result;
                    });
        });
    }

    /** Cancels exactly this open backorder, all of it. */
    public Uni<Void> cancelExactly(Tx tx, UUID backorderId, OffsetDateTime now) {
        return store.close(tx, List.of(backorderId), BackorderStatus.CANCELLED, now);
    }

    /** The backorder as this transaction sees it: what a command answers, read before it commits. */
    public Uni<BackorderSnapshot> snapshot(Tx tx, UUID backorderId) {
        return store.find(tx, backorderId);
    }

    /** Whether reconciling with these outcomes would change any backorder of the order. */
    public Uni<Boolean> wouldChange(Tx tx, UUID orderId, List<LineOutcome> lines) {
        return store.openOf(tx, orderId)
                .map(open -> !BackorderReconciliation.reconcile(open, lines).isEmpty());
    }

    /**
     * Cancels {@code quantity} of the line's backordered quantity, newest backorders first (see
     * {@link BackorderCancellation}).
     */
    public Uni<Void> cancel(Tx tx, UUID orderId, UUID lineId, int quantity, OffsetDateTime now) {
        if (quantity == 0) {
            return Uni.createFrom().voidItem();
        }
        return store.openOf(tx, orderId).chain(open -> {
            var takes = BackorderCancellation.takes(
                    open.stream().filter(b -> b.orderLineId().equals(lineId)).toList(), quantity);
            List<UUID> whole = new ArrayList<>();
            Map<UUID, Integer> resized = new LinkedHashMap<>();
            List<BackorderSnapshot> cancelledParts = new ArrayList<>();
            for (var take : takes) {
                BackorderSnapshot b = take.backorder();
                if (take.whole()) {
                    whole.add(b.id());
                } else {
                    resized.put(b.id(), b.quantity() - take.quantity());
                    cancelledParts.add(new BackorderSnapshot(
                            UUID.randomUUID(),
                            b.orderId(),
                            b.orderLineId(),
                            b.sku(),
                            take.quantity(),
                            BackorderStatus.CANCELLED,
                            b.decision(),
                            b.expectedAt(),
                            b.createdAt(),
                            null));
                }
            }
            return store.close(tx, whole, BackorderStatus.CANCELLED, now)
                    .chain(() -> store.resize(tx, resized, now))
                    .chain(() -> store.insert(tx, cancelledParts, now));
        });
    }

    /**
     * Re-dates the open backorders of these SKUs (and of the other SKUs their SHIP_COMPLETE orders wait for) from
     * what is coming (see {@link ExpectedDates}); returns every open backorder's date by id. Only the rows whose
     * date changes are written.
     */
    public Uni<Map<UUID, OffsetDateTime>> redate(Tx tx, Collection<String> skus, OffsetDateTime now) {
        return redate(tx, skus, Map.of(), now);
    }

    /** {@link #redate}, with the supply of some SKUs already read in this transaction. */
    private Uni<Map<UUID, OffsetDateTime>> redate(
            Tx tx, Collection<String> skus, Map<String, ExpectedDates.Supply> known, OffsetDateTime now) {
        List<String> asked = skus.stream().distinct().sorted().toList();
        if (asked.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return store.shipCompleteCompanions(tx, asked).chain(companions -> {
            List<String> all = java.util.stream.Stream.concat(asked.stream(), companions.stream())
                    .distinct()
                    .sorted()
                    .toList();
            // Supply is read only for the SKUs something waits for: an import of thousands of SKUs nobody waits for
            // read four statements of supply for each of them (bench/import-inventory.sh).
            return store.queuedOf(tx, all)
                    .chain(queued -> supply(
                                    tx,
                                    queued.stream()
                                            .map(q -> q.backorder().sku())
                                            .distinct()
                                            .filter(sku -> !known.containsKey(sku))
                                            .toList())
                            .invoke(read -> known.forEach(read::putIfAbsent))
                            .chain(supply -> {
                                Map<String, List<ExpectedDates.Waiting>> waiting = new LinkedHashMap<>();
                                queued.forEach(q -> waiting.computeIfAbsent(
                                                q.backorder().sku(), k -> new ArrayList<>())
                                        .add(waiting(q)));
                                Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(waiting, supply, now);
                                Map<UUID, OffsetDateTime> changed = new LinkedHashMap<>();
                                queued.forEach(q -> {
                                    OffsetDateTime date =
                                            dates.get(q.backorder().id());
                                    if (!Objects.equals(q.backorder().expectedAt(), date)) {
                                        changed.put(q.backorder().id(), date);
                                    }
                                });
                                return store.redate(tx, changed, now).replaceWith(dates);
                            }));
        });
    }

    /**
     * Dates backorders just created, the newest of their SKUs' queues: those {@link ExpectedDates#datedAlone} are
     * dated from their SKU's supply alone; the SKUs of the others are re-dated as a whole, reading their queues (see
     * {@link #redate}). Before, every new backorder read its SKU's whole queue and its SHIP_COMPLETE companions:
     * 1,000-10,000 buffers per new backorder at a few hundred waiting (docs/BENCHMARKS.md).
     */
    private Uni<Map<UUID, OffsetDateTime>> dateNew(Tx tx, List<BackorderSnapshot> created, OffsetDateTime now) {
        if (created.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> skus =
                created.stream().map(BackorderSnapshot::sku).distinct().sorted().toList();
        List<UUID> orderIds =
                created.stream().map(BackorderSnapshot::orderId).distinct().toList();
        Set<UUID> createdIds = created.stream().map(BackorderSnapshot::id).collect(Collectors.toSet());
        return supply(tx, skus)
                .chain(supply -> store.queuedOfOrders(tx, orderIds).chain(ofOrders -> {
                    Map<String, List<ExpectedDates.Waiting>> alone = new LinkedHashMap<>();
                    Set<String> queueMatters = new HashSet<>();
                    ofOrders.stream()
                            .filter(q -> createdIds.contains(q.backorder().id()))
                            .forEach(q -> {
                                String sku = q.backorder().sku();
                                if (ExpectedDates.datedAlone(waiting(q), supply.get(sku))) {
                                    alone.computeIfAbsent(sku, k -> new ArrayList<>())
                                            .add(waiting(q));
                                } else {
                                    queueMatters.add(sku);
                                }
                            });
                    // A SKU with one new backorder that cannot be dated alone is re-dated as a whole, the others with
                    // it.
                    alone.keySet().removeAll(queueMatters);
                    Map<UUID, OffsetDateTime> dates = new LinkedHashMap<>(ExpectedDates.assign(alone, supply, now));
                    Map<UUID, OffsetDateTime> dated = new LinkedHashMap<>(dates);
                    dated.values().removeIf(Objects::isNull);
                    return store.redate(tx, dated, now)
                            .chain(() -> redate(tx, queueMatters, supply, now))
                            .map(queued -> {
                                dates.putAll(queued);
                                return dates;
                            });
                }));
    }

    private static ExpectedDates.Waiting waiting(BackorderStore.Queued q) {
        return new ExpectedDates.Waiting(
                q.backorder().id(),
                q.backorder().orderId(),
                q.country(),
                q.shipComplete(),
                q.backorder().quantity());
    }

    private Uni<Map<String, ExpectedDates.Supply>> supply(Tx tx, List<String> skus) {
        Map<String, ExpectedDates.Supply> bySku = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(skus)
                .onItem()
                .transformToUniAndConcatenate(sku -> stock.outlook(tx, sku)
                        .invoke(o -> bySku.put(
                                sku,
                                new ExpectedDates.Supply(
                                        o.incoming().stream()
                                                .map(i -> new ExpectedDates.Incoming(
                                                        i.locationId(), i.quantity(), i.expectedAt()))
                                                .toList(),
                                        o.activeLocations(),
                                        o.leadTimeDays(),
                                        o.countriesWithFreeStock()))))
                .collect()
                .asList()
                .replaceWith(bySku);
    }

    private static BackorderSnapshot withDate(BackorderSnapshot b, OffsetDateTime expectedAt) {
        return new BackorderSnapshot(
                b.id(),
                b.orderId(),
                b.orderLineId(),
                b.sku(),
                b.quantity(),
                b.status(),
                b.decision(),
                expectedAt,
                b.createdAt(),
                b.allocatedAt());
    }
}

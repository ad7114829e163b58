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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        return store.openOf(tx, orderId).chain(open -> {
            List<BackorderSnapshot> inserts = new ArrayList<>();
            List<BackorderSnapshot> created = new ArrayList<>();
            List<BackorderSnapshot> allocated = new ArrayList<>();
            List<UUID> filled = new ArrayList<>();
            Map<UUID, Integer> resized = new LinkedHashMap<>();
            for (var change : BackorderReconciliation.reconcile(open, lines)) {
                if (change instanceof BackorderReconciliation.Fill fill) {
                    filled.add(fill.backorder().id());
                    allocated.add(fill.backorder());
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
                    allocated.add(allocatedPart);
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
                    created.add(b);
                }
            }
            List<String> newSkus =
                    created.stream().map(BackorderSnapshot::sku).distinct().toList();
            return store.close(tx, filled, BackorderStatus.ALLOCATED, now)
                    .chain(() -> store.resize(tx, resized, now))
                    .chain(() -> store.insert(tx, inserts, now))
                    // Only new backorders need a date now (their notice carries it); a fill leaves the others'
                    // dates to the receipt that caused it, which refreshes them once, not once per order.
                    .chain(() -> redate(tx, newSkus, now))
                    .map(dates -> new Reconciled(
                            created.stream()
                                    .map(b -> withDate(b, dates.get(b.id())))
                                    .toList(),
                            allocated));
        });
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
     * Re-dates the open backorders of these SKUs from the stock on its way (see {@link ExpectedDates}); returns
     * every open backorder's date by id.
     */
    public Uni<Map<UUID, OffsetDateTime>> redate(Tx tx, Collection<String> skus, OffsetDateTime now) {
        Map<UUID, OffsetDateTime> all = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(skus.stream().distinct().sorted().toList())
                .onItem()
                .transformToUniAndConcatenate(sku -> store.openOfSku(tx, sku)
                        .chain(open -> stock.incoming(tx, sku).chain(batches -> {
                            Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(
                                    open.stream()
                                            .map(b -> new ExpectedDates.Waiting(b.id(), b.quantity()))
                                            .toList(),
                                    batches.stream()
                                            .map(i -> new ExpectedDates.Incoming(i.quantity(), i.expectedAt()))
                                            .toList());
                            all.putAll(dates);
                            Map<UUID, OffsetDateTime> changed = new LinkedHashMap<>();
                            open.forEach(b -> {
                                if (!java.util.Objects.equals(b.expectedAt(), dates.get(b.id()))) {
                                    changed.put(b.id(), dates.get(b.id()));
                                }
                            });
                            return store.redate(tx, changed, now);
                        })))
                .collect()
                .asList()
                .replaceWith(all);
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

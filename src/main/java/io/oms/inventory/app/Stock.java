package io.oms.inventory.app;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.LevelKey;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.LocationStock;
import io.oms.inventory.domain.Movement;
import io.oms.inventory.domain.SupplyOutlook;
import io.oms.inventory.persistence.FillPasses;
import io.oms.inventory.persistence.IncomingStock;
import io.oms.inventory.persistence.Locations;
import io.oms.inventory.persistence.StockLevels;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inventory's front door for the other capabilities: reserve, release and ship stock, read what is available
 * for routing and what is on its way. Every change runs inside the caller's transaction.
 */
@ApplicationScoped
public class Stock {
    /** The PostgreSQL channel on which a level asks for its fill; payload "locationId/sku". */
    public static final String FILL_CHANNEL = StockLevels.FILL_CHANNEL;

    private final StockLevels levels;
    private final IncomingStock incoming;
    private final Locations locations;
    private final FillPasses fills;

    public Stock(StockLevels levels, IncomingStock incoming, Locations locations, FillPasses fills) {
        this.fills = fills;
        this.levels = levels;
        this.incoming = incoming;
        this.locations = locations;
    }

    /**
     * Applies the changes in {@link LevelChange#LOCK_ORDER} (so that concurrent writers cannot deadlock) and returns
     * those the levels refused: a reservation whose stock another order took first, or a release or shipment of
     * units that are not reserved. Refused changes change nothing. One statement for all of them (a second for a
     * level changed twice, and so on).
     */
    public Uni<List<LevelChange>> apply(Tx tx, List<LevelChange> changes, Movement why) {
        List<LevelChange> refused = new ArrayList<>();
        List<LevelKey> released = new ArrayList<>();
        return Multi.createFrom()
                .iterable(rounds(changes.stream().sorted(LevelChange.LOCK_ORDER).toList()))
                .onItem()
                .transformToUniAndConcatenate(round -> levels.changeAll(tx, round, why)
                        .invoke(refusedNow -> {
                            refused.addAll(refusedNow);
                            round.stream()
                                    .filter(c -> c.kind() == LevelChange.Kind.RELEASE && !refusedNow.contains(c))
                                    .forEach(c -> released.add(new LevelKey(c.locationId(), c.sku())));
                        }))
                .collect()
                .asList()
                // Released units go first to the backorders waiting for them (first in, first out).
                .chain(() -> Multi.createFrom()
                        .iterable(released.stream().distinct().toList())
                        .onItem()
                        .transformToUniAndConcatenate(
                                level -> levels.holdForWaiting(tx, level.locationId(), level.sku(), true))
                        .collect()
                        .asList())
                .replaceWith(refused);
    }

    /**
     * The changes split so that no level appears twice in one part (a statement changes a row once), each part in
     * the order given: the first change of every level, then the second, and so on.
     */
    private static List<List<LevelChange>> rounds(List<LevelChange> ordered) {
        List<List<LevelChange>> rounds = new ArrayList<>();
        Map<LevelKey, Integer> seen = new HashMap<>();
        for (LevelChange change : ordered) {
            int round = seen.merge(new LevelKey(change.locationId(), change.sku()), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(change);
        }
        return rounds;
    }

    /**
     * Releases or ships units that the caller's fulfillment orders hold. The caller holds the order's lock, so a
     * refusal means the books are broken, never a race: it fails the transaction.
     */
    public Uni<Void> applyHeld(Tx tx, List<LevelChange> changes, Movement why) {
        return apply(tx, changes, why)
                .invoke(refused -> {
                    if (!refused.isEmpty()) {
                        throw new IllegalStateException(
                                "stock is not reserved as the fulfillment orders say: " + refused);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Locations that may ship to {@code country} with available stock of {@code skus}, in this transaction. Units
     * held for waiting backorders count only for an order that itself waits ({@code includeHeld}): a new order
     * never takes what an older backorder waits for.
     */
    public Uni<List<LocationStock>> available(Tx tx, String country, List<String> skus, boolean includeHeld) {
        return levels.available(tx, country, skus, includeHeld);
    }

    /** New backorders of a SKU to a country: asks for a fill where such stock is (still) free. */
    public Uni<Void> requestFillWhereFree(Tx tx, String sku, String country) {
        return levels.requestFillWhereFree(tx, sku, country);
    }

    /** See {@link FillPasses#exclusively}. */
    public <T> Uni<T> exclusivelyFilling(LevelKey level, java.util.function.Function<Runnable, Uni<T>> pass) {
        return fills.exclusively(level, pass);
    }

    /** How many fills were requested for the level so far. */
    public Uni<Long> fillRequests(LevelKey level) {
        return fills.requests(level);
    }

    /**
     * Locks a level for a batch fill of its oldest waiting backorders and answers how many units they may take
     * (held ones included).
     */
    public Uni<Integer> lockForFill(Tx tx, LevelKey level) {
        return levels.lockForFill(tx, level);
    }

    /** Claims units of a level locked by {@link #lockForFill} for many orders at once, with a ledger row each. */
    public Uni<Void> claimAll(
            Tx tx, LevelKey level, Map<UUID, Integer> unitsByOrder, String actor, OffsetDateTime now) {
        return levels.claimAll(tx, level, unitsByOrder, actor, now);
    }

    /** Whether fills were requested for the level that no pass has seen through yet. */
    public Uni<Boolean> fillPending(LevelKey level) {
        return fills.pending(level);
    }

    /** See {@link FillPasses#finish}. */
    public Uni<Boolean> finishFill(Tx tx, LevelKey level, long seen, boolean releaseHold) {
        return fills.finish(tx, level, seen, releaseHold);
    }

    /** Levels that want a fill, in (location, sku) order after {@code after}. */
    public Uni<List<LevelKey>> levelsWantingFill(LevelKey after, int limit) {
        return fills.wanting(after, limit);
    }

    /** Units the oldest waiting backorders of the level may take (held units included). */
    public Uni<Integer> claimable(LevelKey level) {
        return fills.claimable(level.locationId(), level.sku());
    }

    /** The same, outside any transaction: a dry run that reserves nothing. */
    public Uni<List<LocationStock>> availableNow(String country, List<String> skus) {
        return levels.availableNow(country, skus);
    }

    /** What is known of a SKU's future supply: incoming stock, where locations ship, lead times, free stock. */
    public Uni<SupplyOutlook> outlook(Tx tx, String sku) {
        return incoming.outlook(tx, sku);
    }

    /** Stock of a SKU on its way to any location, earliest first. */
    public Uni<List<IncomingSnapshot>> incoming(Tx tx, String sku) {
        return incoming.earliestFirst(tx, sku);
    }

    /** The location, or null. */
    public Uni<LocationSnapshot> location(Tx tx, UUID id) {
        return locations.find(tx, id);
    }
}

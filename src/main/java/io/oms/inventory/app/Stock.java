package io.oms.inventory.app;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.LocationStock;
import io.oms.inventory.domain.Movement;
import io.oms.inventory.persistence.IncomingStock;
import io.oms.inventory.persistence.Locations;
import io.oms.inventory.persistence.StockLevels;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The inventory's front door for the other capabilities: reserve, release and ship stock, read what is available
 * for routing and what is on its way. Every change runs inside the caller's transaction.
 */
@ApplicationScoped
public class Stock {
    private final StockLevels levels;
    private final IncomingStock incoming;
    private final Locations locations;

    public Stock(StockLevels levels, IncomingStock incoming, Locations locations) {
        this.levels = levels;
        this.incoming = incoming;
        this.locations = locations;
    }

    /**
     * Applies the changes one level at a time in {@link LevelChange#LOCK_ORDER} (so that concurrent writers cannot
     * deadlock) and returns those the levels refused: a reservation whose stock another order took first, or a
     * release or shipment of units that are not reserved. Refused changes change nothing.
     */
    public Uni<List<LevelChange>> apply(Tx tx, List<LevelChange> changes, Movement why) {
        return Multi.createFrom()
                .iterable(changes.stream().sorted(LevelChange.LOCK_ORDER).toList())
                .onItem()
                .transformToUniAndConcatenate(
                        change -> levels.change(tx, change, why).map(done -> done ? null : change))
                .filter(refused -> refused != null)
                .collect()
                .asList();
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

    /** Locations that may ship to {@code country} with available stock of {@code skus}, in this transaction. */
    public Uni<List<LocationStock>> available(Tx tx, String country, List<String> skus) {
        return levels.available(tx, country, skus);
    }

    /** The same, outside any transaction: a dry run that reserves nothing. */
    public Uni<List<LocationStock>> availableNow(String country, List<String> skus) {
        return levels.availableNow(country, skus);
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

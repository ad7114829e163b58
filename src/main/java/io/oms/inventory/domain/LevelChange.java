package io.oms.inventory.domain;

import java.util.Comparator;
import java.util.UUID;

/** One change of a stock level that a fulfillment order causes: reserving, releasing or shipping units. */
public record LevelChange(Kind kind, UUID locationId, String sku, int quantity) {

    public enum Kind {
        /** Promise available units to a new order (refused when fewer are free of holds). */
        RESERVE,
        /**
         * Promise units to the oldest waiting backorder during its fill: the units held for waiting backorders
         * count as available, and the hold shrinks by what is taken.
         */
        CLAIM,
        /** Give promised units back (refused when fewer are reserved: a bug, never a race). */
        RELEASE,
        /** Ship promised units: on hand and reserved drop together. */
        CONSUME
    }

    /**
     * The one order in which every writer locks level rows: by location, then SKU. Two transactions that
     * both take their locks in this order can never wait on each other.
     */
    public static final Comparator<LevelChange> LOCK_ORDER =
            Comparator.comparing(LevelChange::locationId).thenComparing(LevelChange::sku);

    public static LevelChange reserve(UUID locationId, String sku, int quantity) {
        return new LevelChange(Kind.RESERVE, locationId, sku, quantity);
    }

    public static LevelChange claim(UUID locationId, String sku, int quantity) {
        return new LevelChange(Kind.CLAIM, locationId, sku, quantity);
    }

    public static LevelChange release(UUID locationId, String sku, int quantity) {
        return new LevelChange(Kind.RELEASE, locationId, sku, quantity);
    }

    public static LevelChange consume(UUID locationId, String sku, int quantity) {
        return new LevelChange(Kind.CONSUME, locationId, sku, quantity);
    }
}

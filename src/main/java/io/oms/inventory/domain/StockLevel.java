package io.oms.inventory.domain;

import io.oms.kernel.InsufficientQuantityException;

/**
 * Stock of one SKU at one location. Invariant: {@code 0 <= reserved <= onHand}. Available stock is what
 * routing may promise: on hand, less what open fulfillment orders hold, less the safety stock.
 */
public record StockLevel(int onHand, int reserved, int safetyStock) {

    public StockLevel {
        if (reserved < 0 || reserved > onHand || safetyStock < 0) {
            throw new IllegalArgumentException("Broken stock level " + onHand + "/" + reserved + "/" + safetyStock);
        }
    }

    public int available() {
        return Math.max(onHand - reserved - safetyStock, 0);
    }

    /**
     * The units that open fulfillment orders must give back before a correction of on-hand stock (count, damage,
     * loss) can apply: what it would leave below the reserved quantity; zero when on hand still covers it. Taking
     * more than is on hand is refused.
     */
    public int shortfall(int delta) {
        long newOnHand = (long) onHand + delta;
        if (newOnHand > Integer.MAX_VALUE) {
            throw new InsufficientQuantityException("on-hand stock would overflow");
        }
        if (newOnHand < 0) {
            throw new InsufficientQuantityException("on hand is " + onHand + "; cannot remove " + (-delta));
        }
        return (int) Math.max(reserved - newOnHand, 0);
    }

    /**
     * The level after a correction of on-hand stock, once the {@link #shortfall} was given back (so {@code reserved}
     * is what is still reserved).
     */
    public StockLevel adjust(int delta) {
        if (shortfall(delta) > 0) {
            throw new IllegalStateException("the shortfall of " + shortfall(delta) + " must be given back first");
        }
        return new StockLevel(onHand + delta, reserved, safetyStock);
    }

    /** The level after open fulfillment orders gave {@code units} back. */
    public StockLevel released(int units) {
        return new StockLevel(onHand, reserved - units, safetyStock);
    }
}

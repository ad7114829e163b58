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
     * A manual correction of on-hand stock (count, damage, receipt without a purchase order). Taking stock
     * that open fulfillment orders already hold is refused here; re-routing those orders is the routing
     * capability's job.
     */
    public StockLevel adjust(int delta) {
        long newOnHand = (long) onHand + delta;
        if (newOnHand > Integer.MAX_VALUE) {
            throw new InsufficientQuantityException("on-hand stock would overflow");
        }
        if (newOnHand < reserved) {
            throw new InsufficientQuantityException(
                    "on hand is " + onHand + " of which " + reserved + " is reserved; cannot remove " + (-delta));
        }
        return new StockLevel((int) newOnHand, reserved, safetyStock);
    }
}

package io.oms.inventory.domain;

import java.util.UUID;

/**
 * A level as read: its stock, and the units held for backorders that wait for them (not available to new orders
 * until their fill has run).
 */
public record InventoryLevelSnapshot(UUID id, LocationSnapshot location, String sku, StockLevel stock, int held) {

    /** What a new order can get here now: available stock less what waiting backorders hold. */
    public int availableToNewOrders() {
        return Math.max(stock.available() - held, 0);
    }
}

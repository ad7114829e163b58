package io.oms.api.graphql;

import io.oms.inventory.domain.InventoryLevelSnapshot;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("InventoryLevel")
public record InventoryLevel(
        @NonNull Location location,
        @NonNull String sku,
        int onHand,
        @Description("Held by open fulfillment orders") int reserved,
        int safetyStock,

        @Description("Held for backorders that wait for it, until their fill allocates it (first in, first out)")
        int held,

        @Description("What a new order can get now: onHand - reserved - safetyStock - held, never below zero")
        int available) {

    static InventoryLevel from(InventoryLevelSnapshot level) {
        return new InventoryLevel(
                Location.from(level.location()),
                level.sku(),
                level.stock().onHand(),
                level.stock().reserved(),
                level.stock().safetyStock(),
                level.held(),
                level.availableToNewOrders());
    }
}

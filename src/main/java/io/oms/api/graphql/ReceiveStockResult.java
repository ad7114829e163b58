package io.oms.api.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReceiveStockResult")
public record ReceiveStockResult(
        @NonNull InventoryLevel inventoryLevel,

        @NonNull @Description("Backorders the receipt filled, oldest first")
        List<@NonNull Backorder> backordersAllocated) {}

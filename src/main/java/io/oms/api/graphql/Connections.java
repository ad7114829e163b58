package io.oms.api.graphql;

import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.SkuBacklog;
import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.inventory.domain.InventoryLevelSnapshot;
import io.oms.kernel.Page;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Relay connections of fulfillment orders, backorders, backorders by SKU and inventory levels. */
final class Connections {
    private Connections() {}

    @Type("FulfillmentOrderConnection")
    public record FulfillmentOrderConnection(
            @NonNull List<@NonNull FulfillmentOrderEdge> edges,
            @NonNull PageInfo pageInfo,
            int totalCount) {

        static FulfillmentOrderConnection from(Page<FulfillmentOrderSnapshot> page) {
            return new FulfillmentOrderConnection(
                    page.edges().stream()
                            .map(e -> new FulfillmentOrderEdge(e.cursor(), FulfillmentOrder.from(e.node())))
                            .toList(),
                    PageInfo.from(page),
                    (int) page.totalCount());
        }
    }

    @Type("FulfillmentOrderEdge")
    public record FulfillmentOrderEdge(
            @NonNull String cursor, @NonNull FulfillmentOrder node) {}

    @Type("BackorderConnection")
    public record BackorderConnection(
            @NonNull List<@NonNull BackorderEdge> edges,
            @NonNull PageInfo pageInfo,
            int totalCount) {

        static BackorderConnection from(Page<BackorderSnapshot> page) {
            return new BackorderConnection(
                    page.edges().stream()
                            .map(e -> new BackorderEdge(e.cursor(), Backorder.from(e.node())))
                            .toList(),
                    PageInfo.from(page),
                    (int) page.totalCount());
        }
    }

    @Type("BackorderEdge")
    public record BackorderEdge(
            @NonNull String cursor, @NonNull Backorder node) {}

    @Type("BackorderSkuConnection")
    public record BackorderSkuConnection(
            @NonNull List<@NonNull BackorderSkuEdge> edges,
            @NonNull PageInfo pageInfo,

            @Description("SKUs with open backorders (counted only when selected)")
            int totalCount) {

        static BackorderSkuConnection from(Page<SkuBacklog> page) {
            return new BackorderSkuConnection(
                    page.edges().stream()
                            .map(e -> new BackorderSkuEdge(e.cursor(), BackorderSku.from(e.node())))
                            .toList(),
                    PageInfo.from(page),
                    (int) page.totalCount());
        }
    }

    @Type("BackorderSkuEdge")
    public record BackorderSkuEdge(
            @NonNull String cursor, @NonNull BackorderSku node) {}

    @Type("InventoryLevelConnection")
    public record InventoryLevelConnection(
            @NonNull List<@NonNull InventoryLevelEdge> edges,
            @NonNull PageInfo pageInfo,
            int totalCount) {

        static InventoryLevelConnection from(Page<InventoryLevelSnapshot> page) {
            return new InventoryLevelConnection(
                    page.edges().stream()
                            .map(e -> new InventoryLevelEdge(e.cursor(), InventoryLevel.from(e.node())))
                            .toList(),
                    PageInfo.from(page),
                    (int) page.totalCount());
        }
    }

    @Type("InventoryLevelEdge")
    public record InventoryLevelEdge(
            @NonNull String cursor, @NonNull InventoryLevel node) {}
}

package io.oms.api.graphql;

import io.oms.api.graphql.Inputs.LocationInput;
import io.oms.backorder.app.BackorderReader;
import io.oms.inventory.app.InventoryService;
import io.oms.inventory.app.LocationService;
import io.oms.kernel.Sku;
import io.oms.routing.app.Restock;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class InventoryGraphQL {
    private final LocationService locations;
    private final InventoryService inventory;
    private final Restock restock;
    private final BackorderReader backorders;
    private final Callers callers;

    public InventoryGraphQL(
            LocationService locations,
            InventoryService inventory,
            Restock restock,
            BackorderReader backorders,
            Callers callers) {
        this.locations = locations;
        this.inventory = inventory;
        this.restock = restock;
        this.backorders = backorders;
        this.callers = callers;
    }

    @Query("locations")
    @Description("Every stock location, by priority then code")
    public Uni<@NonNull List<@NonNull Location>> locations() {
        return inventory
                .locations()
                .map(list -> list.stream().map(Location::from).toList());
    }

    @Query("inventoryLevels")
    @Description("Stock of one SKU per location (admin: all; warehouse: its own location)")
    public Uni<@NonNull List<@NonNull InventoryLevel>> inventoryLevels(@NonNull String sku) {
        return inventory
                .levels(callers.current(), sku)
                .map(list -> list.stream().map(InventoryLevel::from).toList());
    }

    @Mutation("upsertLocation")
    @Description("Creates the location with this code, or updates the fields given")
    public Uni<@NonNull Location> upsertLocation(@NonNull LocationInput input) {
        return locations
                .upsert(callers.current(), input.toDraft())
                .chain(inventory::location)
                .map(Location::from);
    }

    @Mutation("adjustInventory")
    @Description("Changes on-hand stock by delta (a count, damage, a receipt) and records why")
    public Uni<@NonNull InventoryLevel> adjustInventory(
            @NonNull @Id String locationId, @NonNull String sku, int delta, @NonNull String reason) {
        UUID location = Ids.parse(locationId, "locationId");
        return restock.adjust(callers.current(), location, sku, delta, reason).chain(() -> level(location, sku));
    }

    @Mutation("receiveStock")
    @Description("Stock arrived: on hand rises, then the oldest open backorders this location can ship are filled")
    public Uni<@NonNull ReceiveStockResult> receiveStock(
            @NonNull @Id String locationId, @NonNull String sku, int quantity) {
        UUID location = Ids.parse(locationId, "locationId");
        return restock.receive(callers.current(), location, sku, quantity)
                .chain(filled -> backorders.afterCommand(filled))
                .chain(filled -> level(location, sku)
                        .map(level -> new ReceiveStockResult(
                                level, filled.stream().map(Backorder::from).toList())));
    }

    @Mutation("addIncomingStock")
    @Description("Records stock on its way to a location; open backorders take their expected dates from it")
    public Uni<@NonNull InventoryLevel> addIncomingStock(
            @NonNull @Id String locationId, @NonNull String sku, int quantity, @NonNull OffsetDateTime expectedAt) {
        UUID location = Ids.parse(locationId, "locationId");
        return restock.addIncoming(callers.current(), location, sku, quantity, expectedAt)
                .chain(() -> level(location, sku));
    }

    /** The level after a command; the SKU was validated by it. */
    private Uni<InventoryLevel> level(UUID location, String sku) {
        return inventory.level(location, Sku.validate(sku, "sku")).map(InventoryLevel::from);
    }

    @Description("Stock on its way to this location, earliest first")
    public Uni<List<@NonNull List<@NonNull IncomingStock>>> incoming(@Source List<InventoryLevel> levels) {
        List<UUID> locationIds = levels.stream()
                .map(l -> UUID.fromString(l.location().id()))
                .distinct()
                .toList();
        List<String> skus = levels.stream().map(InventoryLevel::sku).distinct().toList();
        return inventory
                .incomingOf(locationIds, skus)
                .map(byLevel -> Batches.many(
                        levels.stream()
                                .map(l -> l.location().id() + "/" + l.sku())
                                .toList(),
                        byLevel,
                        i -> new IncomingStock(i.quantity(), i.expectedAt())));
    }
}

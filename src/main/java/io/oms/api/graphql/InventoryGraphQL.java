package io.oms.api.graphql;

import io.oms.api.graphql.Inputs.LocationInput;
import io.oms.backorder.app.BackorderReader;
import io.oms.inventory.app.InventoryService;
import io.oms.routing.app.BackorderFiller;
import java.time.OffsetDateTime;
import io.oms.inventory.app.LocationService;
import io.smallrye.mutiny.Uni;
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
    private final Callers callers;
    private final BackorderFiller filler;
    private final BackorderReader backorders;

    public InventoryGraphQL(LocationService locations, InventoryService inventory, Callers callers,
            BackorderFiller filler, BackorderReader backorders) {
        this.filler = filler;
        this.backorders = backorders;
        this.locations = locations;
        this.inventory = inventory;
        this.callers = callers;
    }

    @Query("locations")
    @Description("Every stock location, by priority then code")
    public Uni<@NonNull List<@NonNull Location>> locations() {
        return inventory.locations().map(list -> list.stream().map(Location::from).toList());
    }

    @Query("inventoryLevels")
    @Description("Stock of one SKU per location (admin: all; warehouse: its own location)")
    public Uni<@NonNull List<@NonNull InventoryLevel>> inventoryLevels(@NonNull String sku) {
        return inventory.levels(callers.current(), sku)
                .map(list -> list.stream().map(InventoryLevel::from).toList());
    }

    @Mutation("upsertLocation")
    @Description("Creates the location with this code, or updates the fields given")
    public Uni<@NonNull Location> upsertLocation(@NonNull LocationInput input) {
        return locations.upsert(callers.current(), input.toDraft())
                .chain(inventory::location).map(Location::from);
    }

    @Mutation("adjustInventory")
    @Description("Changes on-hand stock by delta (a count, damage, a receipt) and records why")
    public Uni<@NonNull InventoryLevel> adjustInventory(@NonNull @Id String locationId, @NonNull String sku,
            int delta, @NonNull String reason) {
        UUID location = Ids.parse(locationId, "locationId");
        return inventory.adjust(callers.current(), location, sku, delta, reason)
                // More stock is first offered to the oldest backorders (each fill its own transaction).
                .chain(() -> delta > 0 ? filler.fill(location, sku.strip()).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> inventory.level(location, sku.strip()))
                .map(InventoryLevel::from);
    }

    @Mutation("receiveStock")
    @Description("Stock arrived: on hand rises, then the oldest open backorders this location can ship are filled")
    public Uni<@NonNull ReceiveStockResult> receiveStock(@NonNull @Id String locationId, @NonNull String sku,
            int quantity) {
        UUID location = Ids.parse(locationId, "locationId");
        return inventory.receive(callers.current(), location, sku, quantity)
                .chain(() -> filler.fill(location, sku.strip()))
                .call(filled -> filled.isEmpty() ? Uni.createFrom().voidItem()
                        : inventory.refreshExpectedDates(sku.strip()))
                .chain(filled -> backorders.afterCommand(filled))
                .chain(filled -> inventory.level(location, sku.strip()).map(level -> new ReceiveStockResult(
                        InventoryLevel.from(level), filled.stream().map(Backorder::from).toList())));
    }

    @Mutation("addIncomingStock")
    @Description("Records stock on its way to a location; open backorders take their expected dates from it")
    public Uni<@NonNull InventoryLevel> addIncomingStock(@NonNull @Id String locationId, @NonNull String sku,
            int quantity, @NonNull OffsetDateTime expectedAt) {
        UUID location = Ids.parse(locationId, "locationId");
        return inventory.addIncoming(callers.current(), location, sku, quantity, expectedAt)
                .chain(() -> inventory.level(location, sku.strip()))
                .map(InventoryLevel::from);
    }

    @Description("Stock on its way to this location, earliest first")
    public Uni<List<@NonNull List<@NonNull IncomingStock>>> incoming(@Source List<InventoryLevel> levels) {
        List<UUID> locationIds = levels.stream().map(l -> UUID.fromString(l.location().id())).distinct().toList();
        List<String> skus = levels.stream().map(InventoryLevel::sku).distinct().toList();
        return inventory.incomingOf(locationIds, skus).map(byLevel -> levels.stream()
                .map(l -> byLevel.getOrDefault(l.location().id() + "/" + l.sku(), List.of()).stream()
                        .map(i -> new IncomingStock(i.quantity(), i.expectedAt())).toList())
                .toList());
    }
}

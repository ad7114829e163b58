package io.oms.api.graphql;

import io.oms.api.graphql.Inputs.LocationInput;
import io.oms.inventory.app.InventoryService;
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

@GraphQLApi
public class InventoryGraphQL {
    private final LocationService locations;
    private final InventoryService inventory;
    private final Callers callers;

    public InventoryGraphQL(LocationService locations, InventoryService inventory, Callers callers) {
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
                .chain(() -> inventory.level(location, sku.strip()))
                .map(InventoryLevel::from);
    }
}

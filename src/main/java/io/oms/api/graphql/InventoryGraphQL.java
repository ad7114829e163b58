package io.oms.api.graphql;

import io.oms.api.graphql.Connections.InventoryLevelConnection;
import io.oms.api.graphql.Inputs.LocationInput;
import io.oms.backorder.app.BackorderReader;
import io.oms.inventory.app.InventoryService;
import io.oms.inventory.app.LocationService;
import io.oms.kernel.PageArgs;
import io.oms.routing.app.Restock;
import io.smallrye.graphql.api.Context;
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
    private final Context context;

    public InventoryGraphQL(
            LocationService locations,
            InventoryService inventory,
            Restock restock,
            BackorderReader backorders,
            Callers callers,
            Context context) {
        this.context = context;
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

    @Query("inventoryLevelsAt")
    @Description("Every stock level at one location, by SKU, as a Relay connection (admin: any location;"
            + " warehouse: its own)")
    public Uni<@NonNull InventoryLevelConnection> inventoryLevelsAt(
            @NonNull @Id String locationId, Integer first, String after, Integer last, String before) {
        return inventory
                .levelsAt(
                        callers.current(),
                        Ids.parse(locationId, "locationId"),
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(InventoryLevelConnection::from);
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
    @Description("Changes on-hand stock by delta (a count, damage, a receipt) and records why; stock below what open"
            + " shipments hold is taken back from the newest not yet picked, and their orders are routed again")
    public Uni<@NonNull InventoryLevel> adjustInventory(
            @NonNull @Id String locationId,
            @NonNull String sku,
            int delta,
            @NonNull String reason,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return restock.adjust(
                        callers.current(), Ids.parse(locationId, "locationId"), sku, delta, reason, idempotencyKey)
                .map(InventoryLevel::from);
    }

    @Mutation("receiveStock")
    @Description("Stock arrived: on hand rises, then the oldest open backorders this location can ship are filled")
    public Uni<@NonNull ReceiveStockResult> receiveStock(
            @NonNull @Id String locationId,
            @NonNull String sku,
            int quantity,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return restock.receive(callers.current(), Ids.parse(locationId, "locationId"), sku, quantity, idempotencyKey)
                .map(received -> new ReceiveStockResult(
                        InventoryLevel.from(received.level()),
                        received.backordersAllocated().stream()
                                .map(Backorder::from)
                                .toList()));
    }

    @Mutation("importInventory")
    @Description("Sets the on-hand quantity and safety stock of up to 5,000 SKUs at a location at once (a stock take):"
            + " all rows or none, VALIDATION naming the failing row; the ledger is written and stock that rose fills"
            + " the waiting backorders as a receipt does")
    public Uni<@NonNull ImportInventoryResult> importInventory(
            @NonNull @Id String locationId,
            @NonNull List<Inputs.@NonNull InventoryLevelInput> levels,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return restock.importCounts(
                        callers.current(),
                        Ids.parse(locationId, "locationId"),
                        levels.stream().map(Inputs.InventoryLevelInput::toCount).toList(),
                        idempotencyKey)
                .map(imported -> new ImportInventoryResult(
                        imported.locationId().toString(), imported.rows(), imported.changed()));
    }

    @Mutation("addIncomingStock")
    @Description("Records stock on its way to a location; open backorders take their expected dates from it")
    public Uni<@NonNull InventoryLevel> addIncomingStock(
            @NonNull @Id String locationId,
            @NonNull String sku,
            int quantity,
            @NonNull OffsetDateTime expectedAt,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return restock.addIncoming(
                        callers.current(),
                        Ids.parse(locationId, "locationId"),
                        sku,
                        quantity,
                        expectedAt,
                        idempotencyKey)
                .map(InventoryLevel::from);
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

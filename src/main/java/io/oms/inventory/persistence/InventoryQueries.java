package io.oms.inventory.persistence;

import io.oms.infra.sql.KeysetPages;
import io.oms.infra.sql.Tx;
import io.oms.infra.sql.Where;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.InventoryLevelSnapshot;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.LocationType;
import io.oms.inventory.domain.StockLevel;
import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read side of locations and stock, through the pooled client (see OrderQueries for why). */
@ApplicationScoped
public class InventoryQueries {
    static final String LOCATION_COLUMNS =
            "l.id, l.code, l.name, l.type, l.priority, l.active, l.latitude, l.longitude, l.countries, l.lead_time_days";

    private final Pool pool;

    public InventoryQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<LocationSnapshot>> locations() {
        return pool.query("select " + LOCATION_COLUMNS + " from locations l order by l.priority, l.code")
                .execute()
                .map(rows -> {
                    List<LocationSnapshot> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toLocation(row)));
                    return list;
                });
    }

    public Uni<LocationSnapshot> location(UUID id) {
        return pool.preparedQuery("select " + LOCATION_COLUMNS + " from locations l where l.id = $1")
                .execute(Tuple.of(id))
                .map(rows ->
                        rows.iterator().hasNext() ? toLocation(rows.iterator().next()) : null);
    }

    public Uni<Map<UUID, LocationSnapshot>> locationsByIds(List<UUID> ids) {
        return pool.preparedQuery("select " + LOCATION_COLUMNS + " from locations l where l.id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, LocationSnapshot> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getUUID("id"), toLocation(row)));
                    return byId;
                });
    }

    public Uni<LocationSnapshot> locationByCode(String code) {
        return pool.preparedQuery("select " + LOCATION_COLUMNS + " from locations l where l.code = $1")
                .execute(Tuple.of(code))
                .map(rows ->
                        rows.iterator().hasNext() ? toLocation(rows.iterator().next()) : null);
    }

    /** Incoming stock per level, keyed "locationId/sku", earliest first. */
    public Uni<Map<String, List<IncomingSnapshot>>> incomingOf(List<UUID> locationIds, List<String> skus) {
        return pool.preparedQuery("""
                select location_id, sku, quantity, expected_at from incoming_stock
                where location_id = any($1) and sku = any($2) order by expected_at, id""")
                .execute(Tuple.of(locationIds.toArray(UUID[]::new), skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<IncomingSnapshot>> byLevel = new HashMap<>();
                    rows.forEach(row -> byLevel.computeIfAbsent(
                                    row.getUUID(0) + "/" + row.getString(1), k -> new ArrayList<>())
                            .add(new IncomingSnapshot(
                                    row.getUUID(0),
                                    row.getString(1),
                                    row.getInteger(2),
                                    row.getOffsetDateTime(3).withOffsetSameInstant(java.time.ZoneOffset.UTC))));
                    return byLevel;
                });
    }

    /** The levels at one location by SKU: a Relay page over the unique index (location_id, sku) of V1. */
    public Uni<Page<InventoryLevelSnapshot>> levelsAt(UUID locationId, PageRequest request) {
        return KeysetPages.page(
                pool,
                "select " + LOCATION_COLUMNS + """
                        , i.id as level_id, i.sku, i.on_hand, i.reserved, i.safety_stock, i.held
                        from inventory_levels i join locations l on l.id = i.location_id""",
                "from inventory_levels i",
                new KeysetPages.Keyset<InventoryLevelSnapshot>(
                        "i.sku", "i.id", String.class, true, level -> new Cursor(level.sku(), level.id())),
                new Where().and("i.location_id = $%d", locationId),
                request,
                InventoryQueries::toLevel);
    }

    /** Levels of one SKU, optionally at one location only. */
    public Uni<List<InventoryLevelSnapshot>> levels(String sku, UUID locationId) {
        return levels(pool, sku, locationId);
    }

    /** The level as the transaction sees it (what a mutation answers, read before it commits). */
    public Uni<InventoryLevelSnapshot> level(Tx tx, UUID locationId, String sku) {
        return levels(tx.client(), sku, locationId).map(list -> list.isEmpty() ? null : list.get(0));
    }

    private static Uni<List<InventoryLevelSnapshot>> levels(SqlClient client, String sku, UUID locationId) {
        return client.preparedQuery("select " + LOCATION_COLUMNS + """
                , i.id as level_id, i.sku, i.on_hand, i.reserved, i.safety_stock, i.held
                from inventory_levels i join locations l on l.id = i.location_id
                where i.sku = $1 and ($2::uuid is null or i.location_id = $2)
                order by l.priority, l.code""")
                .execute(Tuple.of(sku, locationId))
                .map(rows -> {
                    List<InventoryLevelSnapshot> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toLevel(row)));
                    return list;
                });
    }

    public Uni<InventoryLevelSnapshot> level(UUID locationId, String sku) {
        return levels(sku, locationId).map(list -> list.isEmpty() ? null : list.get(0));
    }

    private static InventoryLevelSnapshot toLevel(Row row) {
        return new InventoryLevelSnapshot(
                row.getUUID("level_id"),
                toLocation(row),
                row.getString("sku"),
                new StockLevel(row.getInteger("on_hand"), row.getInteger("reserved"), row.getInteger("safety_stock")),
                row.getInteger("held"));
    }

    static LocationSnapshot toLocation(Row row) {
        return new LocationSnapshot(
                row.getUUID("id"),
                row.getString("code"),
                row.getString("name"),
                LocationType.valueOf(row.getString("type")),
                row.getInteger("priority"),
                row.getBoolean("active"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Arrays.asList(row.getArrayOfStrings("countries")),
                row.getInteger("lead_time_days"));
    }
}

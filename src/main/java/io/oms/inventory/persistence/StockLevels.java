package io.oms.inventory.persistence;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.LocationStock;
import io.oms.inventory.domain.LocationType;
import io.oms.inventory.domain.Movement;
import io.oms.inventory.domain.StockLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stock levels and their ledger. Reserving, releasing and shipping are one conditional statement each, never a
 * read followed by a write: the check and the change happen atomically in PostgreSQL, and the ledger row is
 * written by the same statement. Each returns whether the level allowed the change.
 */
@ApplicationScoped
public class StockLevels {
    private final Pool pool;

    public StockLevels(Pool pool) {
        this.pool = pool;
    }

    private static final String MOVEMENT = """
            insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                reserved_after, reason, actor, order_id, occurred_at)
            """;
    /** $1 location, $2 sku, $3 quantity, $4 reason, $5 actor, $6 order, $7 time. */
    private static final Map<LevelChange.Kind, String> CHANGE = Map.of(
            LevelChange.Kind.RESERVE, """
                    with changed as (
                        update inventory_levels
                        set reserved = reserved + $3, version = version + 1, updated_at = $7
                        where location_id = $1 and sku = $2 and on_hand - reserved - safety_stock >= $3
                        returning location_id, sku, on_hand, reserved)
                    """ + MOVEMENT + """
                    select location_id, sku, 0, $3, on_hand, reserved, $4, $5, $6, $7 from changed""",
            LevelChange.Kind.RELEASE, """
                    with changed as (
                        update inventory_levels
                        set reserved = reserved - $3, version = version + 1, updated_at = $7
                        where location_id = $1 and sku = $2 and reserved >= $3
                        returning location_id, sku, on_hand, reserved)
                    """ + MOVEMENT + """
                    select location_id, sku, 0, -$3::integer, on_hand, reserved, $4, $5, $6, $7 from changed""",
            LevelChange.Kind.CONSUME, """
                    with changed as (
                        update inventory_levels
                        set on_hand = on_hand - $3, reserved = reserved - $3, version = version + 1, updated_at = $7
                        where location_id = $1 and sku = $2 and reserved >= $3 and on_hand >= $3
                        returning location_id, sku, on_hand, reserved)
                    """ + MOVEMENT + """
                    select location_id, sku, -$3::integer, -$3::integer, on_hand, reserved, $4, $5, $6, $7
                    from changed""");

    private static final String AVAILABLE = """
            select l.id, l.code, l.type, l.priority, l.latitude, l.longitude, i.sku,
                   i.on_hand - i.reserved - i.safety_stock as available
            from inventory_levels i join locations l on l.id = i.location_id
            where l.active and $1 = any(l.countries) and i.sku = any($2)
              and i.on_hand - i.reserved - i.safety_stock > 0
            order by l.code, i.sku""";

    /** True when the level allowed the change (and it is made, with its ledger row). */
    public Uni<Boolean> change(Tx tx, LevelChange change, Movement why) {
        return tx.update(
                        CHANGE.get(change.kind()),
                        change.locationId(),
                        change.sku(),
                        change.quantity(),
                        why.reason(),
                        why.actor(),
                        why.orderId(),
                        why.at())
                .map(rows -> rows == 1);
    }

    /**
     * The level locked for this transaction, created empty first if the SKU was never stocked here. The
     * insert-if-absent is one statement, so concurrent first changes cannot both create it.
     */
    public Uni<StockLevel> lockOrCreate(Tx tx, UUID locationId, String sku, OffsetDateTime now) {
        return tx.update("""
                insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
                values ($1, $2, $3, 0, 0, 0, 0, $4)
                on conflict (location_id, sku) do nothing""", UUID.randomUUID(), locationId, sku, now)
                .chain(() -> tx.one(
                        """
                        select on_hand, reserved, safety_stock from inventory_levels
                        where location_id = $1 and sku = $2 for update""",
                        row -> new StockLevel(row.getInteger(0), row.getInteger(1), row.getInteger(2)),
                        locationId,
                        sku));
    }

    /** Writes a locked level's new on-hand quantity and its ledger row ({@code delta} is the change). */
    public Uni<Void> setOnHand(Tx tx, UUID locationId, String sku, StockLevel next, int delta, Movement why) {
        return tx.execute(
                        """
                with changed as (
                    update inventory_levels set on_hand = $3, version = version + 1, updated_at = $8
                    where location_id = $1 and sku = $2
                    returning location_id, sku, on_hand, reserved)
                """ + MOVEMENT + """
                select location_id, sku, $4, 0, on_hand, reserved, $5, $6, $7, $8 from changed""",
                        locationId,
                        sku,
                        next.onHand(),
                        delta,
                        why.reason(),
                        why.actor(),
                        why.orderId(),
                        why.at())
                .replaceWithVoid();
    }

    /**
     * Every active location that ships to {@code country} with available stock of any of {@code skus}, in one
     * query: inside a transaction (routing) or on the pool (a dry run).
     */
    public Uni<List<LocationStock>> available(Tx tx, String country, List<String> skus) {
        return available(tx.client(), country, skus);
    }

    public Uni<List<LocationStock>> availableNow(String country, List<String> skus) {
        return available(pool, country, skus);
    }

    private static Uni<List<LocationStock>> available(SqlClient client, String country, List<String> skus) {
        return client.preparedQuery(AVAILABLE)
                .execute(Tuple.of(country, skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<UUID, LocationStock> locations = new LinkedHashMap<>();
                    Map<UUID, Map<String, Integer>> stock = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID(0);
                        Map<String, Integer> available = stock.computeIfAbsent(id, k -> new HashMap<>());
                        available.put(row.getString(6), row.getInteger(7));
                        locations.putIfAbsent(
                                id,
                                new LocationStock(
                                        id,
                                        row.getString(1),
                                        LocationType.valueOf(row.getString(2)),
                                        row.getInteger(3),
                                        row.getDouble(4),
                                        row.getDouble(5),
                                        Map.of()));
                    }
                    List<LocationStock> result = new ArrayList<>();
                    locations.forEach((id, l) -> result.add(new LocationStock(
                            id, l.code(), l.type(), l.priority(), l.latitude(), l.longitude(), stock.get(id))));
                    return result;
                });
    }
}

package io.oms.inventory.persistence;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.LevelKey;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stock levels and their ledger. Reserving, releasing and shipping are one conditional statement each, never a
 * read followed by a write: the check and the change happen atomically in PostgreSQL, and the ledger row is
 * written by the same statement. Each returns whether the level allowed the change.
 *
 * <p>Units that become available while backorders wait for them are held for those backorders ({@code held}) in
 * the same transaction, and a fill is requested ({@code fill_requests}); new orders see only what is not held.
 */
@ApplicationScoped
public class StockLevels {
    /** The channel on which a level asks for its fill: payload "locationId/sku". */
    public static final String FILL_CHANNEL = "oms_fill";

    private static final String MOVEMENT = """
            insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                reserved_after, reason, actor, order_id, occurred_at)
            """;
    /**
     * One change of {@link #changeAll} as a data-modifying CTE: %1$s the location, %2$s the SKU, %3$s the quantity,
     * %4$s the time, %5$s what must run first; it returns the ledger row's values when the level allowed it.
     */
    private static final Map<LevelChange.Kind, String> CHANGE = Map.of(
            LevelChange.Kind.RESERVE,
            """
                    update inventory_levels set reserved = reserved + %3$s, version = version + 1, updated_at = %4$s
                    where location_id = %1$s and sku = %2$s and on_hand - reserved - safety_stock - held >= %3$s%5$s
                    returning location_id, sku, 0 as on_hand_delta, %3$s::integer as reserved_delta, on_hand, reserved""",
            LevelChange.Kind.CLAIM,
            """
                    update inventory_levels set reserved = reserved + %3$s, held = greatest(held - %3$s, 0),
                        version = version + 1, updated_at = %4$s
                    where location_id = %1$s and sku = %2$s and on_hand - reserved - safety_stock >= %3$s%5$s
                    returning location_id, sku, 0 as on_hand_delta, %3$s::integer as reserved_delta, on_hand, reserved""",
            LevelChange.Kind.RELEASE,
            """
                    update inventory_levels set reserved = reserved - %3$s, version = version + 1, updated_at = %4$s
                    where location_id = %1$s and sku = %2$s and reserved >= %3$s%5$s
                    returning location_id, sku, 0 as on_hand_delta, -%3$s::integer as reserved_delta, on_hand,
                        reserved""",
            LevelChange.Kind.CONSUME,
            """
                    update inventory_levels set on_hand = on_hand - %3$s, reserved = reserved - %3$s,
                        version = version + 1, updated_at = %4$s
                    where location_id = %1$s and sku = %2$s and reserved >= %3$s and on_hand >= %3$s%5$s
                    returning location_id, sku, -%3$s::integer as on_hand_delta, -%3$s::integer as reserved_delta,
                        on_hand, reserved""");

    /**
     * Holds the level's free units (up to what eligible backorders wait for) and asks for its fill, when anything
     * waits: $1 location, $2 sku. Waiting demand: open backorders of the SKU whose order ships to a country the
     * location (active) serves.
     */
    private static final String HOLD_FOR_WAITING = """
            with demand as (
                select coalesce(sum(b.quantity), 0) as units
                from backorders b join orders o on o.id = b.order_id join locations l on l.id = $1
                where b.sku = $2 and b.status = 'OPEN' and l.active and o.ship_country = any(l.countries))
            update inventory_levels i
            set held = greatest(least(i.on_hand - i.reserved - i.safety_stock, d.units), i.held, 0),
                fill_requests = i.fill_requests + 1
            from demand d
            where i.location_id = $1 and i.sku = $2 and d.units > 0
            returning i.location_id""";

    private static final String AVAILABLE = """
            select l.id, l.code, l.type, l.priority, l.latitude, l.longitude, i.sku,
                   i.on_hand - i.reserved - i.safety_stock - case when $3 then 0 else i.held end as available
            from inventory_levels i join locations l on l.id = i.location_id
            where l.active and $1 = any(l.countries) and i.sku = any($2)
              and i.on_hand - i.reserved - i.safety_stock - case when $3 then 0 else i.held end > 0
            order by l.code, i.sku""";

    private final Pool pool;

    public StockLevels(Pool pool) {
        this.pool = pool;
    }

    /** Parameters per change in {@link #changeAll}: location, SKU, quantity. */
    private static final int PER_CHANGE = 3;

    /**
     * Makes each change that its level allows, with its ledger row, in one statement; returns the changes refused
     * (refused ones change nothing). Each level at most once in the list. A routing that reserves several levels
     * holds the first of them (a popular SKU's, which other routings queue for) for one statement, not for a round
     * trip per level.
     *
     * <p>Each change is an update of one level by its key (an index lookup whatever the table's size when the plan
     * was made), and each waits for the one before it (its condition reads the earlier one's result, which runs
     * it first), so the levels are locked in list order: the one lock order of every writer.
     */
    public Uni<List<LevelChange>> changeAll(Tx tx, List<LevelChange> changes, Movement why) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int common = changes.size() * PER_CHANGE;
        String at = "$" + (common + 4);
        StringBuilder sql = new StringBuilder("with ");
        StringBuilder changed = new StringBuilder();
        List<Object> values = new ArrayList<>(common + 4);
        for (int k = 0; k < changes.size(); k++) {
            LevelChange change = changes.get(k);
            int p = k * PER_CHANGE;
            String after = k == 0 ? "" : " and (select count(*) from c" + (k - 1) + ") >= 0";
            sql.append(k == 0 ? "" : ",\n")
                    .append("c")
                    .append(k)
                    .append(" as (")
                    .append(CHANGE.get(change.kind()).formatted("$" + (p + 1), "$" + (p + 2), "$" + (p + 3), at, after))
                    .append(")");
            changed.append(k == 0 ? "" : " union all ")
                    .append("select * from c")
                    .append(k);
            values.add(change.locationId());
            values.add(change.sku());
            values.add(change.quantity());
        }
        values.add(why.reason());
        values.add(why.actor());
        values.add(why.orderId());
        values.add(why.at());
        sql.append("\n")
                .append(MOVEMENT)
                .append("select location_id, sku, on_hand_delta, reserved_delta, on_hand, reserved, $")
                .append(common + 1)
                .append(", $")
                .append(common + 2)
                .append(", $")
                .append(common + 3)
                .append(", ")
                .append(at)
                .append("\nfrom (")
                .append(changed)
                .append(") changed\nreturning location_id, sku");
        return tx.list(sql.toString(), row -> new LevelKey(row.getUUID(0), row.getString(1)), values.toArray())
                .map(made -> {
                    Set<LevelKey> done = new HashSet<>(made);
                    return changes.stream()
                            .filter(c -> !done.contains(new LevelKey(c.locationId(), c.sku())))
                            .toList();
                });
    }

    /**
     * Stock became available at this level (a receipt, a count, a release): holds it for the backorders waiting for
     * it and requests their fill. With {@code announce} every replica hears of the request when the transaction
     * commits; without it the caller runs the fill itself after the commit (so it can answer what was allocated
     * instead of losing the race for the level to a listener), and the sweeper covers a caller that dies first.
     * Nothing when nothing waits.
     */
    public Uni<Boolean> holdForWaiting(Tx tx, UUID locationId, String sku, boolean announce) {
        return tx.update(HOLD_FOR_WAITING, locationId, sku)
                .chain(rows -> rows == 0
                        ? Uni.createFrom().item(false)
                        : announce
                                ? announce(tx, locationId, sku).replaceWith(true)
                                : Uni.createFrom().item(true));
    }

    /**
     * New backorders of {@code sku} to {@code country}: where such stock is free (a race with a fill that has just
     * finished), ask for a fill, so the backorder does not wait for the next increase.
     */
    public Uni<Void> requestFillWhereFree(Tx tx, String sku, String country) {
        return tx.list("""
                        update inventory_levels i set fill_requests = i.fill_requests + 1
                        from locations l
                        where l.id = i.location_id and l.active and $2 = any(l.countries) and i.sku = $1
                          and i.on_hand - i.reserved - i.safety_stock - i.held > 0
                        returning i.location_id""", row -> row.getUUID(0), sku, country).chain(locations -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID location : locations) {
                chain = chain.chain(() -> announce(tx, location, sku));
            }
            return chain;
        });
    }

    private static Uni<Void> announce(Tx tx, UUID locationId, String sku) {
        return tx.execute("select cast(pg_notify($1, $2) as text)", FILL_CHANNEL, locationId + "/" + sku)
                .replaceWithVoid();
    }

    /** A level before an import changed it. */
    public record Counted(String sku, int onHandBefore, int reserved) {}

    /**
     * An inventory import at one location, set-based: creates the levels that do not exist, locks them all in SKU
     * order, and answers what they held before (the caller checks that no count goes below what is reserved).
     */
    public Uni<List<Counted>> lockForImport(Tx tx, UUID locationId, List<String> skus, OffsetDateTime now) {
        String[] array = skus.toArray(String[]::new);
        return tx.execute("""
                        insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version,
                            updated_at)
                        select gen_random_uuid(), $1, sku, 0, 0, 0, 0, $3 from unnest($2::varchar[]) as t(sku)
                        on conflict (location_id, sku) do nothing""", locationId, array, now)
                .chain(() -> tx.list(
                        """
                        select sku, on_hand, reserved from inventory_levels
                        where location_id = $1 and sku = any($2) order by sku for update""",
                        row -> new Counted(row.getString(0), row.getInteger(1), row.getInteger(2)),
                        locationId,
                        array));
    }

    /** One level's new count, with what it held before (locked by {@link #lockForImport}). */
    public record NewCount(String sku, int onHand, int safetyStock, int onHandBefore, int reserved) {}

    /**
     * Writes an import's counts with one ledger row per level whose on-hand quantity changed, holds what rose for
     * the backorders that wait for it (first in, first out) and asks for their fills: a handful of statements
     * whatever the size of the import.
     */
    public Uni<Void> importCounts(Tx tx, UUID locationId, List<NewCount> counts, Movement why) {
        List<NewCount> moved =
                counts.stream().filter(c -> c.onHand() != c.onHandBefore()).toList();
        return tx.execute(
                        """
                        update inventory_levels i set on_hand = t.on_hand, safety_stock = t.safety,
                            held = least(i.held, greatest(t.on_hand - i.reserved - t.safety, 0)),
                            version = i.version + 1, updated_at = $5
                        from unnest($2::varchar[], $3::integer[], $4::integer[]) as t(sku, on_hand, safety)
                        where i.location_id = $1 and i.sku = t.sku
                          and (i.on_hand <> t.on_hand or i.safety_stock <> t.safety)""",
                        locationId,
                        counts.stream().map(NewCount::sku).toArray(String[]::new),
                        counts.stream().map(NewCount::onHand).toArray(Integer[]::new),
                        counts.stream().map(NewCount::safetyStock).toArray(Integer[]::new),
                        why.at())
                .chain(() -> moved.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.execute(
                                        MOVEMENT + """
                                        select $1, t.sku, t.delta, 0, t.on_hand, t.reserved, $6, $7, null, $8
                                        from unnest($2::varchar[], $3::integer[], $4::integer[], $5::integer[])
                                            as t(sku, delta, on_hand, reserved)""",
                                        locationId,
                                        moved.stream().map(NewCount::sku).toArray(String[]::new),
                                        moved.stream()
                                                .map(c -> c.onHand() - c.onHandBefore())
                                                .toArray(Integer[]::new),
                                        moved.stream().map(NewCount::onHand).toArray(Integer[]::new),
                                        moved.stream().map(NewCount::reserved).toArray(Integer[]::new),
                                        why.reason(),
                                        why.actor(),
                                        why.at())
                                .replaceWithVoid())
                .chain(() -> holdRisen(
                        tx,
                        locationId,
                        moved.stream()
                                .filter(c -> c.onHand() > c.onHandBefore())
                                .map(NewCount::sku)
                                .toArray(String[]::new)));
    }

    /** {@link #holdForWaiting} for many SKUs of one location in one statement, and one statement of NOTIFYs. */
    private Uni<Void> holdRisen(Tx tx, UUID locationId, String[] skus) {
        if (skus.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.list("""
                        with demand as (
                            select b.sku, sum(b.quantity) as units
                            from backorders b join orders o on o.id = b.order_id join locations l on l.id = $1
                            where b.sku = any($2) and b.status = 'OPEN' and l.active
                              and o.ship_country = any(l.countries)
                            group by b.sku)
                        update inventory_levels i
                        set held = greatest(least(i.on_hand - i.reserved - i.safety_stock, d.units), i.held, 0),
                            fill_requests = i.fill_requests + 1
                        from demand d
                        where i.location_id = $1 and i.sku = d.sku
                        returning i.sku""", row -> locationId + "/" + row.getString(0), locationId, skus)
                .chain(levels -> levels.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.execute(
                                        "select count(pg_notify($1, level)) from unnest($2::text[]) as t(level)",
                                        FILL_CHANNEL,
                                        levels.toArray(String[]::new))
                                .replaceWithVoid());
    }

    /** The level locked for a batch fill: its free units (held ones included); 0 when it does not exist. */
    public Uni<Integer> lockForFill(Tx tx, LevelKey level) {
        return tx.one("""
                        select greatest(on_hand - reserved - safety_stock, 0) from inventory_levels
                        where location_id = $1 and sku = $2 for update""", row -> row.getInteger(0), level.locationId(), level.sku())
                .map(free -> free == null ? 0 : free);
    }

    /**
     * Claims units of a level locked by {@link #lockForFill} for many orders at once: one update of the level (the
     * hold shrinks by what is taken) and one ledger row per order, in one round trip each.
     */
    public Uni<Void> claimAll(
            Tx tx, LevelKey level, Map<UUID, Integer> unitsByOrder, String actor, OffsetDateTime now) {
        int total = unitsByOrder.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.one(
                        """
                        update inventory_levels
                        set reserved = reserved + $3, held = greatest(held - $3, 0), version = version + 1,
                            updated_at = $4
                        where location_id = $1 and sku = $2 and on_hand - reserved - safety_stock >= $3
                        returning on_hand, reserved - $3""",
                        row -> new int[] {row.getInteger(0), row.getInteger(1)},
                        level.locationId(),
                        level.sku(),
                        total,
                        now)
                .chain(before -> {
                    if (before == null) {
                        throw new IllegalStateException(
                                "the locked level " + level + " has fewer than " + total + " free units");
                    }
                    List<Tuple> movements = new ArrayList<>();
                    int reserved = before[1];
                    for (Map.Entry<UUID, Integer> claim : unitsByOrder.entrySet()) {
                        reserved += claim.getValue();
                        movements.add(Tx.tuple(
                                level.locationId(),
                                level.sku(),
                                claim.getValue(),
                                before[0],
                                reserved,
                                "reserved for order",
                                actor,
                                claim.getKey(),
                                now));
                    }
                    return tx.batch(MOVEMENT + "values ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9)", movements);
                });
    }

    /**
     * The level locked for this transaction, created empty first if the SKU was never stocked here. The
     * insert-if-absent is one statement, so concurrent first changes cannot both create it.
     */
    public Uni<LockedLevel> lockOrCreate(Tx tx, UUID locationId, String sku, OffsetDateTime now) {
        return tx.update("""
                insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
                values ($1, $2, $3, 0, 0, 0, 0, $4)
                on conflict (location_id, sku) do nothing""", UUID.randomUUID(), locationId, sku, now)
                .chain(() -> tx.one(
                        """
                        select on_hand, reserved, safety_stock, held from inventory_levels
                        where location_id = $1 and sku = $2 for update""",
                        row -> new LockedLevel(
                                new StockLevel(row.getInteger(0), row.getInteger(1), row.getInteger(2)),
                                row.getInteger(3)),
                        locationId,
                        sku));
    }

    /** A level as a locked read found it, with the units held for waiting backorders. */
    public record LockedLevel(StockLevel level, int held) {}

    /**
     * Writes a locked level's new on-hand quantity and its ledger row ({@code delta} is the change). A hold never
     * exceeds what is free: less stock shrinks it first.
     */
    public Uni<Void> setOnHand(Tx tx, UUID locationId, String sku, StockLevel next, int delta, Movement why) {
        return tx.execute(
                        """
                with changed as (
                    update inventory_levels set on_hand = $3, version = version + 1, updated_at = $8,
                        held = least(held, greatest($3 - reserved, 0))
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
     * query, inside a transaction. Units held for waiting backorders count only for an order that waits itself.
     */
    public Uni<List<LocationStock>> available(Tx tx, String country, List<String> skus, boolean includeHeld) {
        return available(tx.client(), country, skus, includeHeld);
    }

    /** The same on the pool: a dry run that reserves nothing. */
    public Uni<List<LocationStock>> availableNow(String country, List<String> skus) {
        return available(pool, country, skus, false);
    }

    private static Uni<List<LocationStock>> available(
            SqlClient client, String country, List<String> skus, boolean includeHeld) {
        return client.preparedQuery(AVAILABLE)
                .execute(Tuple.of(country, skus.toArray(String[]::new), includeHeld))
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

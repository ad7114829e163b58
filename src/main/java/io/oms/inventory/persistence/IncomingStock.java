package io.oms.inventory.persistence;

import io.oms.infra.sql.Rows;
import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.SupplyOutlook;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Stock expected at a location on a date (purchase orders, transfers), inside the caller's transaction. */
@ApplicationScoped
public class IncomingStock {

    public Uni<Void> add(
            Tx tx, UUID locationId, String sku, int quantity, OffsetDateTime expectedAt, OffsetDateTime now) {
        return tx.execute("""
                insert into incoming_stock (id, location_id, sku, quantity, expected_at, created_at)
                values ($1, $2, $3, $4, $5, $6)""", UUID.randomUUID(), locationId, sku, quantity, expectedAt, now)
                .replaceWithVoid();
    }

    /**
     * A receipt arrived: takes {@code quantity} off the earliest expected batches of this level, so that
     * what is still expected stays true. One statement, so concurrent receipts never take a batch twice.
     */
    public Uni<Void> consume(Tx tx, UUID locationId, String sku, int quantity) {
        return tx.execute("""
                with locked as (
                    select id, quantity, expected_at from incoming_stock
                    where location_id = $1 and sku = $2 for update),
                batches as (
                    select id, quantity, sum(quantity) over (order by expected_at, id) - quantity as before
                    from locked),
                taken as (
                    select id, quantity, least(quantity, greatest($3::bigint - before, 0)) as take
                    from batches),
                removed as (
                    delete from incoming_stock i using taken t where i.id = t.id and t.take = t.quantity
                    returning i.id)
                update incoming_stock i set quantity = i.quantity - t.take
                from taken t where i.id = t.id and t.take > 0 and t.take < t.quantity""", locationId, sku, (long) quantity).replaceWithVoid();
    }

    /** What is known of a SKU's future supply (see {@link SupplyOutlook}). */
    public Uni<SupplyOutlook> outlook(Tx tx, String sku) {
        return earliestFirst(tx, sku)
                .chain(incoming -> tx.list(
                                "select id, countries from locations where active",
                                row -> Map.entry(row.getUUID(0), Set.of(row.getArrayOfStrings(1))))
                        .chain(locations -> tx.list("""
                                select l.id, l.lead_time_days from locations l
                                join inventory_levels i on i.location_id = l.id
                                where i.sku = $1 and l.active and l.lead_time_days is not null""", row -> Map.entry(row.getUUID(0), row.getInteger(1)), sku)
                                .chain(leadTimes -> tx.list("""
                                        select distinct unnest(l.countries) from inventory_levels i
                                        join locations l on l.id = i.location_id
                                        where i.sku = $1 and l.active
                                          and i.on_hand - i.reserved - i.safety_stock - i.held > 0""", row -> row.getString(0), sku)
                                        .map(free -> new SupplyOutlook(
                                                incoming,
                                                Map.ofEntries(locations.toArray(Map.Entry[]::new)),
                                                Map.ofEntries(leadTimes.toArray(Map.Entry[]::new)),
                                                Set.copyOf(free))))));
    }

    /** All stock of a SKU on its way, earliest first. */
    public Uni<List<IncomingSnapshot>> earliestFirst(Tx tx, String sku) {
        return tx.list(
                """
                select location_id, sku, quantity, expected_at from incoming_stock where sku = $1
                order by expected_at, id""",
                row -> new IncomingSnapshot(
                        row.getUUID(0), row.getString(1), row.getInteger(2), Rows.utc(row, "expected_at")),
                sku);
    }
}

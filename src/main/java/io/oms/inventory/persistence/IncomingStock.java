package io.oms.inventory.persistence;

import io.oms.backorder.domain.ExpectedDates;
import io.oms.kernel.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Stock expected at a location on a date (purchase orders, transfers), inside the caller's transaction. */
@ApplicationScoped
public class IncomingStock {

    public Uni<Void> add(UUID locationId, String sku, int quantity, OffsetDateTime expectedAt, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into incoming_stock (id, location_id, sku, quantity, expected_at, created_at)
                values (:id, :location, :sku, :quantity, :expectedAt, :now)""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("location", locationId)
                .setParameter("sku", sku)
                .setParameter("quantity", quantity)
                .setParameter("expectedAt", expectedAt)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * A receipt arrived: takes {@code quantity} off the earliest expected batches of this level, so that
     * what is still expected stays true. One statement, so concurrent receipts never take a batch twice.
     */
    public Uni<Void> consume(UUID locationId, String sku, int quantity) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                with locked as (
                    select id, quantity, expected_at from incoming_stock
                    where location_id = :location and sku = :sku for update),
                batches as (
                    select id, quantity, sum(quantity) over (order by expected_at, id) - quantity as before
                    from locked),
                taken as (
                    select id, quantity, least(quantity, greatest(cast(:received as bigint) - before, 0)) as take
                    from batches),
                removed as (
                    delete from incoming_stock i using taken t where i.id = t.id and t.take = t.quantity
                    returning i.id)
                update incoming_stock i set quantity = i.quantity - t.take
                from taken t where i.id = t.id and t.take > 0 and t.take < t.quantity""")
                .setParameter("location", locationId)
                .setParameter("sku", sku)
                .setParameter("received", quantity)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** All stock of a SKU on its way, earliest first, as the expected-date calculation wants it. */
    public Uni<List<ExpectedDates.Incoming>> earliestFirst(String sku) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select quantity, expected_at from incoming_stock where sku = :sku order by expected_at, id""",
                Object[].class)
                .setParameter("sku", sku)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new ExpectedDates.Incoming(((Number) r[0]).intValue(),
                        Times.utc(r[1]))).toList());
    }
}

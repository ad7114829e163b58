package io.oms.inventory.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reserves and releases stock with one conditional statement each, never a read followed by a write: the
 * availability check and the increment happen atomically in PostgreSQL, and the movement ledger row is
 * written by the same statement. Every method returns whether the level allowed the change.
 */
@ApplicationScoped
public class Reservations {
    private static final String RESERVE = """
            with changed as (
                update inventory_levels
                set reserved = reserved + :quantity, version = version + 1, updated_at = :now
                where location_id = :location and sku = :sku and on_hand - reserved - safety_stock >= :quantity
                returning location_id, sku, on_hand, reserved)
            insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                reserved_after, reason, actor, order_id, occurred_at)
            select location_id, sku, 0, :quantity, on_hand, reserved, :reason, :actor, :orderId, :now from changed""";
    private static final String RELEASE = """
            with changed as (
                update inventory_levels
                set reserved = reserved - :quantity, version = version + 1, updated_at = :now
                where location_id = :location and sku = :sku and reserved >= :quantity
                returning location_id, sku, on_hand, reserved)
            insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                reserved_after, reason, actor, order_id, occurred_at)
            select location_id, sku, 0, -cast(:quantity as integer), on_hand, reserved, :reason, :actor, :orderId, :now
            from changed""";

    private static final String CONSUME = """
            with changed as (
                update inventory_levels
                set on_hand = on_hand - :quantity, reserved = reserved - :quantity, version = version + 1,
                    updated_at = :now
                where location_id = :location and sku = :sku and reserved >= :quantity and on_hand >= :quantity
                returning location_id, sku, on_hand, reserved)
            insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                reserved_after, reason, actor, order_id, occurred_at)
            select location_id, sku, -cast(:quantity as integer), -cast(:quantity as integer), on_hand, reserved, :reason, :actor, :orderId, :now
            from changed""";

    /** Shipping: the reserved units leave the building, so on hand and reserved drop together. */
    public Uni<Boolean> consume(UUID location, String sku, int quantity, UUID orderId, String reason, String actor,
            OffsetDateTime now) {
        return run(CONSUME, location, sku, quantity, orderId, reason, actor, now);
    }

    /** True when the stock was available and is now reserved; false when someone else took it first. */
    public Uni<Boolean> reserve(UUID location, String sku, int quantity, UUID orderId, String reason, String actor,
            OffsetDateTime now) {
        return run(RESERVE, location, sku, quantity, orderId, reason, actor, now);
    }

    public Uni<Boolean> release(UUID location, String sku, int quantity, UUID orderId, String reason, String actor,
            OffsetDateTime now) {
        return run(RELEASE, location, sku, quantity, orderId, reason, actor, now);
    }

    private Uni<Boolean> run(String sql, UUID location, String sku, int quantity, UUID orderId, String reason,
            String actor, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("location", location)
                .setParameter("sku", sku)
                .setParameter("quantity", quantity)
                .setParameter("orderId", orderId)
                .setParameter("reason", reason)
                .setParameter("actor", actor)
                .setParameter("now", now)
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}

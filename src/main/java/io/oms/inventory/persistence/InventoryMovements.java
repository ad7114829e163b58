package io.oms.inventory.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The append-only ledger of stock changes, written in the same transaction as the change. */
@ApplicationScoped
public class InventoryMovements {

    public Uni<Void> record(InventoryLevelEntity level, int onHandDelta, int reservedDelta, String reason,
            String actor, UUID orderId, OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
                    reserved_after, reason, actor, order_id, occurred_at)
                values (:locationId, :sku, :onHandDelta, :reservedDelta, :onHand, :reserved, :reason, :actor,
                    :orderId, :at)""")
                .setParameter("locationId", level.locationId)
                .setParameter("sku", level.sku)
                .setParameter("onHandDelta", onHandDelta)
                .setParameter("reservedDelta", reservedDelta)
                .setParameter("onHand", level.onHand)
                .setParameter("reserved", level.reserved)
                .setParameter("reason", reason)
                .setParameter("actor", actor)
                .setParameter("orderId", orderId)
                .setParameter("at", at)
                .executeUpdate()
                .replaceWithVoid());
    }
}

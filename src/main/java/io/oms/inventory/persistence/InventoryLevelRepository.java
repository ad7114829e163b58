package io.oms.inventory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class InventoryLevelRepository implements PanacheRepositoryBase<InventoryLevelEntity, UUID> {

    /**
     * Returns the level row locked for this transaction, creating an empty one first if the SKU was never
     * stocked here. The insert-if-absent is one statement, so concurrent first adjustments cannot both create it.
     */
    public Uni<InventoryLevelEntity> lockOrCreate(UUID locationId, String sku, OffsetDateTime now) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
                values (:id, :locationId, :sku, 0, 0, 0, 0, :now)
                on conflict (location_id, sku) do nothing""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("locationId", locationId)
                .setParameter("sku", sku)
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> find("locationId = ?1 and sku = ?2", locationId, sku)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult());
    }
}

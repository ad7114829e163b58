package io.oms.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "inventory_levels")
public class InventoryLevelEntity {
    @Id
    public UUID id;
    @Column(name = "location_id")
    public UUID locationId;
    public String sku;
    @Column(name = "on_hand")
    public int onHand;
    public int reserved;
    @Column(name = "safety_stock")
    public int safetyStock;
    @Version
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}

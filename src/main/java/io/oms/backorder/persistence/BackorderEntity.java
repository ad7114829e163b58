package io.oms.backorder.persistence;

import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "backorders")
public class BackorderEntity {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public UUID orderId;
    @Column(name = "order_line_id")
    public UUID orderLineId;
    public String sku;
    public int quantity;
    @Enumerated(EnumType.STRING)
    public BackorderStatus status;
    @Enumerated(EnumType.STRING)
    public BackorderDecision decision;
    @Column(name = "expected_at")
    public OffsetDateTime expectedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "allocated_at")
    public OffsetDateTime allocatedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}

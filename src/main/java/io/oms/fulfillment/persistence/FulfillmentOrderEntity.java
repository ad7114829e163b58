package io.oms.fulfillment.persistence;

import io.oms.fulfillment.domain.FulfillmentOrderStatus;
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
@Table(name = "fulfillment_orders")
public class FulfillmentOrderEntity {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public UUID orderId;
    @Column(name = "location_id")
    public UUID locationId;
    @Column(name = "routing_pass")
    public int routingPass;
    @Enumerated(EnumType.STRING)
    public FulfillmentOrderStatus status;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "estimated_delivery_at")
    public OffsetDateTime estimatedDeliveryAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}

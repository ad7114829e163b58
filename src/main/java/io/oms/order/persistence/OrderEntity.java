package io.oms.order.persistence;

import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The row of an order. Business rules live in {@code order.domain}; this class only maps columns. */
@Entity
@Table(name = "orders")
public class OrderEntity {
    @Id
    public UUID id;
    public long number;
    @Column(name = "customer_id")
    public String customerId;
    public String email;
    public String currency;
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "split_policy")
    public SplitPolicy splitPolicy;
    @Column(name = "ship_name")
    public String shipName;
    @Column(name = "ship_line1")
    public String shipLine1;
    @Column(name = "ship_line2")
    public String shipLine2;
    @Column(name = "ship_city")
    public String shipCity;
    @Column(name = "ship_region")
    public String shipRegion;
    @Column(name = "ship_postal_code")
    public String shipPostalCode;
    @Column(name = "ship_country")
    public String shipCountry;
    @Column(name = "ship_latitude")
    public Double shipLatitude;
    @Column(name = "ship_longitude")
    public Double shipLongitude;
    @Column(precision = 19, scale = 4)
    public BigDecimal subtotal;
    @Column(precision = 19, scale = 4)
    public BigDecimal total;
    @Column(name = "refunded_total", precision = 19, scale = 4)
    public BigDecimal refundedTotal;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "placed_at")
    public OffsetDateTime placedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "stuck_since")
    public OffsetDateTime stuckSince;
    @Enumerated(EnumType.STRING)
    @Column(name = "stuck_reason")
    public StuckReason stuckReason;
    /** Optimistic locking: a write based on a stale read fails instead of overwriting. */
    @Version
    public long version;
}

package io.oms.order.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** A line of an order, referenced by id (no JPA association) so that no lazy loading is ever needed. */
@Entity
@Table(name = "order_lines")
public class OrderLineEntity {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public UUID orderId;
    @Column(name = "line_no")
    public int lineNo;
    public String sku;
    public int quantity;
    @Column(name = "unit_price", precision = 19, scale = 4)
    public BigDecimal unitPrice;
    @Column(name = "quantity_allocated")
    public int quantityAllocated;
    @Column(name = "quantity_backordered")
    public int quantityBackordered;
    @Column(name = "quantity_cancelled")
    public int quantityCancelled;
    @Column(name = "quantity_shipped")
    public int quantityShipped;
}

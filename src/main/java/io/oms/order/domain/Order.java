package io.oms.order.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An order as commands change it (its lines are {@link OrderLine}s, read separately): its status along the
 * lifecycle table, its money, and the stuck flag. Every change marks it changed, so that it is written once,
 * with its version bumped, when the command ends.
 */
public final class Order {
    private final UUID id;
    private final long number;
    private final String customerId;
    private final String email;
    private final String currency;
    private final SplitPolicy splitPolicy;
    private final String shipCountry;
    private final Double shipLatitude;
    private final Double shipLongitude;
    private final long version;
    private OrderStatus status;
    private BigDecimal subtotal;
    private BigDecimal total;
    private BigDecimal refundedTotal;
    private String paymentReference;
    private OffsetDateTime updatedAt;
    private OffsetDateTime stuckSince;
    private StuckReason stuckReason;
    private boolean changed;

    public Order(
            UUID id,
            long number,
            String customerId,
            String email,
            String currency,
            SplitPolicy splitPolicy,
            String shipCountry,
            Double shipLatitude,
            Double shipLongitude,
            OrderStatus status,
            BigDecimal subtotal,
            BigDecimal total,
            BigDecimal refundedTotal,
            String paymentReference,
            OffsetDateTime updatedAt,
            OffsetDateTime stuckSince,
            StuckReason stuckReason,
            long version) {
        this.id = id;
        this.number = number;
        this.customerId = customerId;
        this.email = email;
        this.currency = currency;
        this.splitPolicy = splitPolicy;
        this.shipCountry = shipCountry;
        this.shipLatitude = shipLatitude;
        this.shipLongitude = shipLongitude;
        this.status = status;
        this.subtotal = subtotal;
        this.total = total;
        this.refundedTotal = refundedTotal;
        this.paymentReference = paymentReference;
        this.updatedAt = updatedAt;
        this.stuckSince = stuckSince;
        this.stuckReason = stuckReason;
        this.version = version;
    }

    /** Moves along the lifecycle table (INVALID_TRANSITION otherwise); returns the status it left. */
    public OrderStatus moveTo(OrderStatus target, OffsetDateTime now) {
        OrderStatus from = status;
        status = from.moveTo(target);
        touch(now);
        return from;
    }

    public void recordPayment(String reference, OffsetDateTime now) {
        paymentReference = reference;
        touch(now);
    }

    /** Flags the order as stuck for {@code reason} since {@code now}. */
    public void flagStuck(StuckReason reason, OffsetDateTime now) {
        stuckReason = reason;
        stuckSince = now;
        touch(now);
    }

    /** Clears the flag when it was raised for {@code reason}; true when it was. */
    public boolean clearStuck(StuckReason reason) {
        if (stuckReason != reason) {
            return false;
        }
        stuckReason = null;
        stuckSince = null;
        changed = true;
        return true;
    }

    /** New totals after a cancellation, and {@code refund} more refunded. */
    public void settle(OrderTotals totals, BigDecimal refund, OffsetDateTime now) {
        subtotal = totals.subtotal();
        total = totals.total();
        refundedTotal = refundedTotal.add(refund);
        touch(now);
    }

    public void touch(OffsetDateTime now) {
        updatedAt = now;
        changed = true;
    }

    /** Money was taken exactly when a payment was confirmed. */
    public boolean paid() {
        return paymentReference != null;
    }

    public UUID id() {
        return id;
    }

    public long number() {
        return number;
    }

    public String customerId() {
        return customerId;
    }

    public String email() {
        return email;
    }

    public String currency() {
        return currency;
    }

    public SplitPolicy splitPolicy() {
        return splitPolicy;
    }

    public String shipCountry() {
        return shipCountry;
    }

    public Double shipLatitude() {
        return shipLatitude;
    }

    public Double shipLongitude() {
        return shipLongitude;
    }

    public OrderStatus status() {
        return status;
    }

    public BigDecimal subtotal() {
        return subtotal;
    }

    public BigDecimal total() {
        return total;
    }

    public BigDecimal refundedTotal() {
        return refundedTotal;
    }

    public String paymentReference() {
        return paymentReference;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime stuckSince() {
        return stuckSince;
    }

    public StuckReason stuckReason() {
        return stuckReason;
    }

    public long version() {
        return version;
    }

    /** Whether the order must be written (and its version bumped). */
    public boolean changed() {
        return changed;
    }
}

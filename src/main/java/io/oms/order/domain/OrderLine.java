package io.oms.order.domain;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A line of an order as commands change it: what was ordered, at what price, and its {@link LineQuantities}. */
public final class OrderLine {
    private final UUID id;
    private final int lineNo;
    private final String sku;
    private final BigDecimal unitPrice;
    private LineQuantities quantities;
    private boolean changed;

    public OrderLine(UUID id, int lineNo, String sku, BigDecimal unitPrice, LineQuantities quantities) {
        this.id = id;
        this.lineNo = lineNo;
        this.sku = sku;
        this.unitPrice = unitPrice;
        this.quantities = quantities;
    }

    /** Applies one of the {@link LineQuantities} changes. */
    public void change(UnaryOperator<LineQuantities> change) {
        quantities = change.apply(quantities);
        changed = true;
    }

    public UUID id() {
        return id;
    }

    public int lineNo() {
        return lineNo;
    }

    public String sku() {
        return sku;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public LineQuantities quantities() {
        return quantities;
    }

    /** Whether a change was applied since the line was read (so it must be written). */
    public boolean changed() {
        return changed;
    }
}

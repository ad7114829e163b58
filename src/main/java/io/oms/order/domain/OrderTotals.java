package io.oms.order.domain;

import io.oms.kernel.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** Subtotal and total of an order. There are no order-level charges yet, so the total equals the subtotal. */
public record OrderTotals(BigDecimal subtotal, BigDecimal total) {

    public static OrderTotals of(List<NewOrderLine> lines, Currency currency) {
        BigDecimal subtotal = lines.stream().map(NewOrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rounded = Money.round(subtotal, currency);
        return new OrderTotals(rounded, rounded);
    }

    /** The totals of what the customer still wants: each line's unit price times its units not cancelled. */
    public static OrderTotals ofActive(List<OrderLine> lines, Currency currency) {
        BigDecimal subtotal = lines.stream()
                .map(l ->
                        l.unitPrice().multiply(BigDecimal.valueOf(l.quantities().active())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rounded = Money.round(subtotal, currency);
        return new OrderTotals(rounded, rounded);
    }
}

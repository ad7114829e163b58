package io.oms.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTotalsTest {

    @Test
    void totalsOfAPlacedOrderAreRoundedToTheCurrency() {
        OrderTotals totals = OrderTotals.of(
                List.of(
                        new NewOrderLine("A", 3, new BigDecimal("3.33")),
                        new NewOrderLine("B", 1, new BigDecimal("0.01"))),
                Currency.getInstance("EUR"));
        assertEquals(new BigDecimal("10.00"), totals.subtotal());
        assertEquals(totals.subtotal(), totals.total());
    }

    @Test
    void afterACancellationOnlyWhatIsNotCancelledCounts() {
        OrderLine a = new OrderLine(UUID.randomUUID(), 1, "A", new BigDecimal("2.50"), LineQuantities.ordered(4));
        OrderLine b = new OrderLine(UUID.randomUUID(), 2, "B", new BigDecimal("100"), LineQuantities.ordered(1));
        a.change(q -> q.cancel(3, 0, 0));
        b.change(q -> q.cancel(1, 0, 0));
        assertEquals(
                new BigDecimal("2.50"),
                OrderTotals.ofActive(List.of(a, b), Currency.getInstance("EUR")).total());
        // Rounded half-even to the currency's digits: 2.50 is 2 yen.
        assertEquals(
                new BigDecimal("2"),
                OrderTotals.ofActive(List.of(a, b), Currency.getInstance("JPY")).total());
    }
}

package io.oms.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.ValidationException;
import io.oms.order.domain.Cancellation.LineState;
import io.oms.order.domain.Cancellation.LineTake;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancellationTest {
    private static final UUID LINE = UUID.randomUUID();
    private static final Currency USD = Currency.getInstance("USD");

    /** 10 ordered: 1 not routed, 3 backordered, 4 in open shipments (of which 2 cancellable), 2 shipped. */
    private static final Map<UUID, LineState> LINES =
            Map.of(LINE, new LineState(LINE, new LineQuantities(10, 4, 3, 0, 2), new BigDecimal("3.33"), 2));

    @Test
    void unroutedThenBackorderedThenOpenShipmentQuantityIsTakenInThatOrder() {
        List<LineTake> takes = Cancellation.plan(List.of(new CancelLine(LINE, 5)), LINES, USD);
        assertEquals(new LineTake(LINE, 1, 3, 1, new BigDecimal("16.65")), takes.get(0));
    }

    @Test
    void moreThanIsCancellableIsRefusedWhole() {
        assertThrows(
                InsufficientQuantityException.class,
                () -> Cancellation.plan(List.of(new CancelLine(LINE, 4), new CancelLine(LINE, 3)), LINES, USD));
    }

    @Test
    void unknownLinesAndNonPositiveQuantitiesAreBadInput() {
        assertEquals(
                "lines[0].orderLineId",
                assertThrows(
                                ValidationException.class,
                                () -> Cancellation.plan(List.of(new CancelLine(UUID.randomUUID(), 1)), LINES, USD))
                        .field());
        assertEquals(
                "lines[0].quantity",
                assertThrows(
                                ValidationException.class,
                                () -> Cancellation.plan(List.of(new CancelLine(LINE, 0)), LINES, USD))
                        .field());
    }
}

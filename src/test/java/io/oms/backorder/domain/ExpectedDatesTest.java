package io.oms.backorder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.backorder.domain.ExpectedDates.Incoming;
import io.oms.backorder.domain.ExpectedDates.Supply;
import io.oms.backorder.domain.ExpectedDates.Waiting;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectedDatesTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime FRIDAY = MONDAY.plusDays(4);
    private static final UUID US_DC = UUID.randomUUID();
    private static final UUID FR_DC = UUID.randomUUID();
    private static final Map<UUID, Set<String>> LOCATIONS = Map.of(US_DC, Set.of("US"), FR_DC, Set.of("FR"));

    private static Waiting waiting(int quantity) {
        return new Waiting(UUID.randomUUID(), UUID.randomUUID(), "US", false, quantity);
    }

    private static Supply incoming(Incoming... batches) {
        return new Supply(List.of(batches), LOCATIONS, Map.of(), Set.of());
    }

    @Test
    void olderBackordersTakeTheEarlierStockFirst() {
        Waiting first = waiting(3);
        Waiting second = waiting(2);
        Waiting third = waiting(4);
        Waiting fourth = waiting(1);
        Map<java.util.UUID, OffsetDateTime> dates = ExpectedDates.assign(
                Map.of("A", List.of(first, second, third, fourth)),
                Map.of("A", incoming(new Incoming(US_DC, 4, MONDAY), new Incoming(US_DC, 5, FRIDAY))),
                NOW);
        assertEquals(MONDAY, dates.get(first.backorderId()));
        assertEquals(FRIDAY, dates.get(second.backorderId()), "its last unit comes on Friday");
        assertEquals(FRIDAY, dates.get(third.backorderId()));
        assertNull(dates.get(fourth.backorderId()), "nothing incoming covers it");
        assertEquals(4, dates.size());
    }

    @Test
    void stockOnItsWayToALocationThatCannotShipThereDoesNotCount() {
        Waiting us = waiting(1);
        Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(
                Map.of("A", List.of(us)), Map.of("A", incoming(new Incoming(FR_DC, 10, MONDAY))), NOW);
        assertNull(dates.get(us.backorderId()));
    }

    @Test
    void whatNothingCoversTakesTheShortestSupplierLeadTimeOfALocationThatShipsThere() {
        Waiting us = waiting(1);
        Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(
                Map.of("A", List.of(us)),
                Map.of("A", new Supply(List.of(), LOCATIONS, Map.of(US_DC, 5, FR_DC, 1), Set.of())),
                NOW);
        assertEquals(NOW.plusDays(5), dates.get(us.backorderId()));
    }

    @Test
    void aShipCompleteLineHeldBackByAnotherTakesTheBlockingLinesDate() {
        UUID order = UUID.randomUUID();
        Waiting blocking = new Waiting(UUID.randomUUID(), order, "US", true, 1);
        Waiting heldBack = new Waiting(UUID.randomUUID(), order, "US", true, 1);
        Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(
                Map.of("B", List.of(blocking), "A", List.of(heldBack)),
                Map.of(
                        "B",
                        incoming(new Incoming(US_DC, 1, FRIDAY)),
                        "A",
                        new Supply(List.of(), LOCATIONS, Map.of(), Set.of("US"))),
                NOW);
        assertEquals(FRIDAY, dates.get(blocking.backorderId()));
        assertEquals(FRIDAY, dates.get(heldBack.backorderId()), "its own stock is there; it waits for B");
    }

    @Test
    void withoutIncomingStockNoDateIsPromised() {
        Waiting only = waiting(1);
        assertNull(
                ExpectedDates.assign(Map.of("A", List.of(only)), Map.of(), NOW).get(only.backorderId()));
    }

    @Test
    void theNewestBackorderOfASkuWithNothingComingIsDatedTheSameWithOrWithoutTheQueueAhead() {
        Supply leadTimeOnly = new Supply(List.of(), LOCATIONS, Map.of(US_DC, 5, FR_DC, 2), Set.of());
        Waiting newest = waiting(2);
        List<Waiting> queue =
                List.of(waiting(3), new Waiting(UUID.randomUUID(), UUID.randomUUID(), "FR", false, 4), newest);
        assertEquals(true, ExpectedDates.datedAlone(newest, leadTimeOnly));
        assertEquals(
                ExpectedDates.assign(Map.of("A", queue), Map.of("A", leadTimeOnly), NOW)
                        .get(newest.backorderId()),
                ExpectedDates.assign(Map.of("A", List.of(newest)), Map.of("A", leadTimeOnly), NOW)
                        .get(newest.backorderId()));
        assertEquals(
                NOW.plusDays(5),
                ExpectedDates.assign(Map.of("A", List.of(newest)), Map.of("A", leadTimeOnly), NOW)
                        .get(newest.backorderId()));

        // With stock on its way the queue ahead decides the date; a SHIP_COMPLETE line depends on its order's others.
        Supply coming = incoming(new Incoming(US_DC, 4, MONDAY));
        assertEquals(false, ExpectedDates.datedAlone(newest, coming));
        assertEquals(
                MONDAY,
                ExpectedDates.assign(Map.of("A", List.of(newest)), Map.of("A", coming), NOW)
                        .get(newest.backorderId()));
        assertNull(ExpectedDates.assign(Map.of("A", queue), Map.of("A", coming), NOW)
                .get(newest.backorderId()));
        assertEquals(
                false,
                ExpectedDates.datedAlone(
                        new Waiting(UUID.randomUUID(), UUID.randomUUID(), "US", true, 1), leadTimeOnly));
    }
}

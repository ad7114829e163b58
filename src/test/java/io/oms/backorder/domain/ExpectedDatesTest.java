package io.oms.backorder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.backorder.domain.ExpectedDates.Incoming;
import io.oms.backorder.domain.ExpectedDates.Waiting;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectedDatesTest {
    private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime FRIDAY = MONDAY.plusDays(4);

    @Test
    void olderBackordersTakeTheEarlierStockFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        Map<UUID, OffsetDateTime> dates = ExpectedDates.assign(
                List.of(new Waiting(first, 3), new Waiting(second, 2), new Waiting(third, 4), new Waiting(fourth, 1)),
                List.of(new Incoming(4, MONDAY), new Incoming(5, FRIDAY)));
        assertEquals(MONDAY, dates.get(first));
        assertEquals(FRIDAY, dates.get(second), "its last unit comes on Friday");
        assertEquals(FRIDAY, dates.get(third));
        assertNull(dates.get(fourth), "nothing incoming covers it");
        assertEquals(4, dates.size());
    }

    @Test
    void withoutIncomingStockNoDateIsPromised() {
        UUID only = UUID.randomUUID();
        assertNull(
                ExpectedDates.assign(List.of(new Waiting(only, 1)), List.of()).get(only));
    }
}

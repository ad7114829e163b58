package io.oms.backorder.domain;

import static io.oms.backorder.domain.BackorderReconciliationTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.backorder.domain.BackorderCancellation.Take;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackorderCancellationTest {
    private static final UUID LINE = UUID.randomUUID();

    @Test
    void theNewestBackordersAreCancelledFirstSoTheOldestKeepTheirPlace() {
        BackorderSnapshot oldest = open(LINE, 2, 0);
        BackorderSnapshot newest = open(LINE, 3, 10);
        List<Take> takes = BackorderCancellation.takes(List.of(oldest, newest), 4);
        assertEquals(List.of(new Take(newest, 3), new Take(oldest, 1)), takes);
        assertTrue(takes.get(0).whole());
        assertFalse(takes.get(1).whole());
    }

    @Test
    void askingForMoreThanTheLineWaitsForIsABug() {
        assertThrows(IllegalStateException.class, () -> BackorderCancellation.takes(List.of(open(LINE, 2, 0)), 3));
    }
}

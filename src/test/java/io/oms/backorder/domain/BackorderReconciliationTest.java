package io.oms.backorder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.backorder.domain.BackorderReconciliation.Create;
import io.oms.backorder.domain.BackorderReconciliation.Fill;
import io.oms.backorder.domain.BackorderReconciliation.FillPart;
import io.oms.backorder.domain.BackorderReconciliation.LineOutcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackorderReconciliationTest {
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID LINE = UUID.randomUUID();
    private static final UUID OTHER_LINE = UUID.randomUUID();
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    static BackorderSnapshot open(UUID line, int quantity, int minutes) {
        return new BackorderSnapshot(
                UUID.randomUUID(),
                ORDER,
                line,
                "SKU",
                quantity,
                BackorderStatus.OPEN,
                BackorderDecision.WAIT,
                null,
                T0.plusMinutes(minutes),
                null);
    }

    @Test
    void aFirstRoutingPassBackordersWhatItCannotAllocate() {
        var changes = BackorderReconciliation.reconcile(List.of(), List.of(new LineOutcome(LINE, "SKU", 3, 2)));
        assertEquals(List.of(new Create(LINE, "SKU", 2)), changes);
    }

    @Test
    void backordersAreFilledOldestFirstAndAPartFillKeepsTheRestWaiting() {
        BackorderSnapshot oldest = open(LINE, 2, 0);
        BackorderSnapshot newer = open(LINE, 3, 5);
        var changes =
                BackorderReconciliation.reconcile(List.of(oldest, newer), List.of(new LineOutcome(LINE, "SKU", 4, 1)));
        assertEquals(List.of(new Fill(oldest), new FillPart(newer, 2)), changes);
    }

    @Test
    void nothingChangesWhenNothingWasAllocatedAndTheSameStillWaits() {
        BackorderSnapshot waiting = open(LINE, 2, 0);
        assertEquals(
                List.of(),
                BackorderReconciliation.reconcile(List.of(waiting), List.of(new LineOutcome(LINE, "SKU", 0, 2))));
    }

    @Test
    void eachLineOnlyTouchesItsOwnBackordersAndWaitingBeyondThemIsNew() {
        BackorderSnapshot mine = open(LINE, 2, 0);
        BackorderSnapshot other = open(OTHER_LINE, 5, 0);
        var changes = BackorderReconciliation.reconcile(
                List.of(mine, other),
                List.of(new LineOutcome(LINE, "SKU", 0, 3), new LineOutcome(OTHER_LINE, "SKU", 5, 0)));
        assertEquals(List.of(new Create(LINE, "SKU", 1), new Fill(other)), changes);
    }
}

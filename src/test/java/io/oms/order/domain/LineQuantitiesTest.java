package io.oms.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LineQuantitiesTest {

    @Test
    void aNewLineHasEverythingStillToRoute() {
        LineQuantities q = LineQuantities.ordered(5);
        assertEquals(5, q.unrouted());
        assertEquals(5, q.toRoute());
        assertEquals(5, q.active());
    }

    @Test
    void routingAllocatesMoreAndSetsWhatStillWaits() {
        LineQuantities q = LineQuantities.ordered(10).routed(6, 4);
        assertEquals(new LineQuantities(10, 6, 4, 0, 0), q);
        assertEquals(0, q.unrouted());
        assertEquals(4, q.toRoute());
        // A fill of two backordered units: two more allocated, two still waiting.
        assertEquals(new LineQuantities(10, 8, 2, 0, 0), q.routed(2, 2));
    }

    @Test
    void cancellingTakesFromEachPartAndCountsItCancelled() {
        LineQuantities q = new LineQuantities(10, 4, 3, 0, 1).cancel(2, 3, 1);
        assertEquals(new LineQuantities(10, 3, 0, 6, 1), q);
        assertEquals(4, q.active());
    }

    @Test
    void shippingMovesAllocatedUnitsToShipped() {
        assertEquals(new LineQuantities(5, 1, 0, 0, 4), new LineQuantities(5, 5, 0, 0, 0).ship(4));
    }

    @Test
    void theQuantitiesCanNeverAddUpToMoreThanWasOrdered() {
        assertThrows(
                IllegalStateException.class, () -> LineQuantities.ordered(3).routed(3, 1));
        assertThrows(IllegalStateException.class, () -> new LineQuantities(3, 2, 2, 0, 0));
        assertThrows(IllegalStateException.class, () -> new LineQuantities(3, 1, 0, 0, 0).ship(2));
        assertThrows(IllegalStateException.class, () -> new LineQuantities(3, 0, 1, 0, 0).cancel(0, 2, 0));
        assertThrows(
                IllegalStateException.class, () -> LineQuantities.ordered(3).cancel(4, 0, 0));
        assertThrows(IllegalStateException.class, () -> LineQuantities.ordered(0));
    }

    /** Random sequences of the line's changes: every value reached keeps the sum within the ordered quantity. */
    @TestFactory
    List<DynamicTest> everySequenceOfChangesKeepsTheRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 200; seed++) {
            long s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + s, () -> {
                Random random = new Random(s);
                LineQuantities q = LineQuantities.ordered(1 + random.nextInt(20));
                for (int step = 0; step < 30; step++) {
                    LineQuantities before = q;
                    UnaryOperator<LineQuantities> change = switch (random.nextInt(3)) {
                        case 0 -> x -> x.routed(random.nextInt(x.toRoute() + 2), random.nextInt(x.toRoute() + 2));
                        case 1 ->
                            x -> x.cancel(
                                    random.nextInt(x.unrouted() + 2),
                                    random.nextInt(x.backordered() + 2),
                                    random.nextInt(x.allocated() + 2));
                        default -> x -> x.ship(random.nextInt(x.allocated() + 2));
                    };
                    try {
                        q = change.apply(q);
                    } catch (IllegalStateException refused) {
                        q = before;
                    }
                    long sum = (long) q.allocated() + q.backordered() + q.cancelled() + q.shipped();
                    assertTrue(sum <= q.ordered(), () -> "seed " + s + ": " + before);
                    assertTrue(q.unrouted() >= 0 && q.toRoute() >= 0 && q.active() >= 0, "seed " + s);
                }
            }));
        }
        return tests;
    }
}

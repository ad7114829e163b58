package io.oms.routing.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A job taken ahead of its notification answers that notification once; the oldest are forgotten past capacity. */
class TakenAheadTest {
    @Test
    void aTakenJobAnswersItsNotificationOnce() {
        TakenAhead taken = new TakenAhead(10);
        taken.took("a");

        assertFalse(taken.notified("b"), "a job nobody took: its notification starts a take");
        assertTrue(taken.notified("a"));
        assertFalse(taken.notified("a"), "a second notification of the same job starts a take again");
    }

    @Test
    void theOldestAreForgottenPastCapacity() {
        TakenAhead taken = new TakenAhead(2);
        taken.took("a");
        taken.took("b");
        taken.took("c");

        assertFalse(taken.notified("a"), "pushed out: its notification starts a take, as without the memory");
        assertTrue(taken.notified("b"));
        assertTrue(taken.notified("c"));
    }
}

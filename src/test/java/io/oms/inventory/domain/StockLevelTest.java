package io.oms.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.InsufficientQuantityException;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void availableIsOnHandLessReservedLessSafetyStockNeverNegative() {
        assertEquals(5, new StockLevel(10, 3, 2).available());
        assertEquals(0, new StockLevel(4, 3, 2).available());
    }

    @Test
    void anAdjustmentBelowTheReservedQuantityHasAShortfallThatOpenShipmentsGiveBackFirst() {
        StockLevel level = new StockLevel(10, 4, 0);
        assertEquals(0, level.shortfall(-6));
        assertEquals(4, level.adjust(-6).onHand());
        assertEquals(1, level.shortfall(-7));
        assertThrows(IllegalStateException.class, () -> level.adjust(-7));
        assertEquals(3, level.released(1).adjust(-7).onHand());
        assertEquals(15, level.adjust(5).onHand());
    }

    @Test
    void anAdjustmentMayNeverTakeMoreThanIsOnHand() {
        assertThrows(InsufficientQuantityException.class, () -> new StockLevel(10, 4, 0).shortfall(-11));
    }

    @Test
    void aBrokenLevelCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new StockLevel(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new StockLevel(1, -1, 0));
    }
}

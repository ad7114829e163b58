package io.oms.order.domain;

import static io.oms.order.domain.OrderStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderProgressTest {

    private static LineQuantities line(int quantity, int allocated, int backordered, int cancelled, int shipped) {
        return new LineQuantities(quantity, allocated, backordered, cancelled, shipped);
    }

    @Test
    void theFirstShipmentMakesTheOrderPartiallyFulfilled() {
        assertEquals(
                List.of(PARTIALLY_FULFILLED),
                OrderProgress.path(AWAITING_FULFILLMENT, List.of(line(2, 0, 0, 0, 2), line(1, 1, 0, 0, 0)), false));
    }

    @Test
    void everythingNotCancelledShippedIsFulfilledAndDeliveredGoesThroughFulfilled() {
        assertEquals(
                List.of(FULFILLED),
                OrderProgress.path(PARTIALLY_FULFILLED, List.of(line(2, 0, 0, 0, 2), line(1, 0, 0, 1, 0)), false));
        assertEquals(
                List.of(FULFILLED, DELIVERED),
                OrderProgress.path(PARTIALLY_FULFILLED, List.of(line(2, 0, 0, 0, 2)), true));
        assertEquals(List.of(FULFILLED), OrderProgress.path(AWAITING_FULFILLMENT, List.of(line(2, 0, 0, 0, 2)), false));
    }

    @Test
    void allCancelledIsCancelledAndNothingShippedStaysPut() {
        assertEquals(List.of(CANCELLED), OrderProgress.path(PAID, List.of(line(2, 0, 0, 2, 0)), false));
        assertEquals(List.of(), OrderProgress.path(AWAITING_FULFILLMENT, List.of(line(2, 1, 1, 0, 0)), false));
    }
}

package io.oms.order.domain;

import static io.oms.order.domain.OrderStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.kernel.InvalidTransitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class OrderStatusTest {

    /** DESIGN.md's table, written out independently of the production code. */
    private static final Map<OrderStatus, Set<OrderStatus>> TABLE = Map.of(
            PENDING, Set.of(PAYMENT_PROCESSING, PAID, CANCELLED),
            PAYMENT_PROCESSING, Set.of(PAID, CANCELLED),
            PAID, Set.of(AWAITING_FULFILLMENT, CANCELLED),
            AWAITING_FULFILLMENT, Set.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED),
            PARTIALLY_FULFILLED, Set.of(FULFILLED, REFUNDED),
            FULFILLED, Set.of(DELIVERED, REFUNDED),
            DELIVERED, Set.of(REFUNDED),
            CANCELLED, Set.of(),
            REFUNDED, Set.of());

    @TestFactory
    List<DynamicTest> everyPairOfStatusesIsAllowedExactlyWhenTheTableSaysSo() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean allowed = TABLE.get(from).contains(to);
                tests.add(DynamicTest.dynamicTest(from + " -> " + to + (allowed ? " allowed" : " refused"), () -> {
                    assertEquals(allowed, from.canMoveTo(to));
                    if (allowed) {
                        assertEquals(to, from.moveTo(to));
                    } else {
                        InvalidTransitionException refused =
                                assertThrows(InvalidTransitionException.class, () -> from.moveTo(to));
                        assertEquals(from, refused.from());
                        assertEquals(to, refused.to());
                        assertEquals(Map.of("from", from.name(), "to", to.name()), refused.extensions());
                    }
                }));
            }
        }
        assertEquals(81, tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> onlyCancelledAndRefundedLeadNowhere() {
        return List.of(OrderStatus.values()).stream()
                .map(status -> DynamicTest.dynamicTest(status.name(), () -> {
                    boolean terminal = status == CANCELLED || status == REFUNDED;
                    boolean leadsSomewhere =
                            List.of(OrderStatus.values()).stream().anyMatch(status::canMoveTo);
                    assertEquals(!terminal, leadsSomewhere);
                }))
                .toList();
    }

    @org.junit.jupiter.api.Test
    void noStatusMayMoveToItself() {
        for (OrderStatus status : OrderStatus.values()) {
            assertFalse(status.canMoveTo(status), status.name());
        }
        assertTrue(PENDING.canMoveTo(PAID));
    }
}

package io.oms.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.ValidationException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderRulesTest {
    private static final OrderRules RULES = new OrderRules(new OrderLimits(500, 100_000, 64, 200));
    private static final Address ADDRESS =
            new Address("Alice", "1 Main St", null, "Boston", "MA", "02108", "us", null, null);
    private static final PlaceOrder VALID = new PlaceOrder(
            " key-1 ",
            null,
            "alice@example.com",
            "usd",
            ADDRESS,
            null,
            List.of(new NewOrderLine("SKU-1", 2, new BigDecimal("19.99"))));

    @Test
    void aValidOrderIsNormalised() {
        PlaceOrder order = RULES.validate(VALID);
        assertEquals("key-1", order.idempotencyKey());
        assertEquals("USD", order.currency());
        assertEquals("US", order.shippingAddress().country());
        assertEquals(SplitPolicy.SHIP_AVAILABLE, order.splitPolicy());
        assertNull(order.shippingAddress().line2());
    }

    @Test
    void totalsAreRoundedToTheCurrency() {
        var lines = List.of(
                new NewOrderLine("A", 3, new BigDecimal("19.99")), new NewOrderLine("B", 1, new BigDecimal("0.01")));
        OrderTotals totals = OrderTotals.of(lines, java.util.Currency.getInstance("USD"));
        assertEquals(new BigDecimal("59.98"), totals.subtotal());
        assertEquals(new BigDecimal("59.98"), totals.total());
        OrderTotals yen = OrderTotals.of(
                List.of(new NewOrderLine("A", 2, new BigDecimal("150"))), java.util.Currency.getInstance("JPY"));
        assertEquals(new BigDecimal("300"), yen.total());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad(
                        "input.idempotencyKey",
                        o -> with(o, null, o.email(), o.currency(), o.shippingAddress(), o.lines())),
                bad(
                        "input.idempotencyKey",
                        o -> with(o, "  ", o.email(), o.currency(), o.shippingAddress(), o.lines())),
                bad(
                        "input.idempotencyKey",
                        o -> with(o, "k".repeat(201), o.email(), o.currency(), o.shippingAddress(), o.lines())),
                bad(
                        "input.email",
                        o -> with(o, o.idempotencyKey(), "not-an-email", o.currency(), o.shippingAddress(), o.lines())),
                bad(
                        "input.currency",
                        o -> with(o, o.idempotencyKey(), o.email(), "XXY", o.shippingAddress(), o.lines())),
                bad(
                        "input.currency",
                        o -> with(o, o.idempotencyKey(), o.email(), null, o.shippingAddress(), o.lines())),
                bad(
                        "input.shippingAddress",
                        o -> with(o, o.idempotencyKey(), o.email(), o.currency(), null, o.lines())),
                bad(
                        "input.shippingAddress.name",
                        o -> address(o, new Address(null, "l1", null, "c", null, "p", "US", null, null))),
                bad(
                        "input.shippingAddress.line1",
                        o -> address(o, new Address("n", "", null, "c", null, "p", "US", null, null))),
                bad(
                        "input.shippingAddress.city",
                        o -> address(o, new Address("n", "l1", null, null, null, "p", "US", null, null))),
                bad(
                        "input.shippingAddress.postalCode",
                        o -> address(o, new Address("n", "l1", null, "c", null, null, "US", null, null))),
                bad(
                        "input.shippingAddress.country",
                        o -> address(o, new Address("n", "l1", null, "c", null, "p", "XX", null, null))),
                bad(
                        "input.shippingAddress.latitude",
                        o -> address(o, new Address("n", "l1", null, "c", null, "p", "US", 95.0, 10.0))),
                bad(
                        "input.shippingAddress.latitude",
                        o -> address(o, new Address("n", "l1", null, "c", null, "p", "US", 45.0, null))),
                bad("input.lines", o -> lines(o, List.of())),
                bad("input.lines", o -> lines(o, Collections.nCopies(501, new NewOrderLine("S", 1, BigDecimal.ONE)))),
                bad("input.lines[0].sku", o -> lines(o, List.of(new NewOrderLine("", 1, BigDecimal.ONE)))),
                bad("input.lines[0].sku", o -> lines(o, List.of(new NewOrderLine("S".repeat(65), 1, BigDecimal.ONE)))),
                bad("input.lines[0].sku", o -> lines(o, List.of(new NewOrderLine("bad sku'", 1, BigDecimal.ONE)))),
                bad("input.lines[0].quantity", o -> lines(o, List.of(new NewOrderLine("S", 0, BigDecimal.ONE)))),
                bad("input.lines[0].quantity", o -> lines(o, List.of(new NewOrderLine("S", 100_001, BigDecimal.ONE)))),
                bad(
                        "input.lines[1].unitPrice",
                        o -> lines(
                                o,
                                List.of(
                                        new NewOrderLine("S", 1, BigDecimal.ONE),
                                        new NewOrderLine("T", 1, new BigDecimal("-0.01"))))),
                bad(
                        "input.lines[0].unitPrice",
                        o -> lines(o, List.of(new NewOrderLine("S", 1, new BigDecimal("1.001"))))),
                bad("input.lines[0].unitPrice", o -> lines(o, List.of(new NewOrderLine("S", 1, null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedNamingTheField(String field, UnaryOperator<PlaceOrder> breakIt) {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> RULES.validate(breakIt.apply(VALID)));
        assertEquals(field, refused.field());
    }

    @Test
    void theLimitsComeFromConfiguration() {
        OrderRules strict = new OrderRules(new OrderLimits(1, 5, 64, 200));
        var twoLines = lines(
                VALID, List.of(new NewOrderLine("A", 1, BigDecimal.ONE), new NewOrderLine("B", 1, BigDecimal.ONE)));
        assertEquals(
                "input.lines",
                assertThrows(ValidationException.class, () -> strict.validate(twoLines))
                        .field());
        var six = lines(VALID, List.of(new NewOrderLine("A", 6, BigDecimal.ONE)));
        assertEquals(
                "input.lines[0].quantity",
                assertThrows(ValidationException.class, () -> strict.validate(six))
                        .field());
    }

    private static Arguments bad(String field, UnaryOperator<PlaceOrder> change) {
        return Arguments.of(field, change);
    }

    private static PlaceOrder with(
            PlaceOrder o, String key, String email, String currency, Address address, List<NewOrderLine> lines) {
        return new PlaceOrder(key, o.customerId(), email, currency, address, o.splitPolicy(), lines);
    }

    private static PlaceOrder address(PlaceOrder o, Address address) {
        return with(o, o.idempotencyKey(), o.email(), o.currency(), address, o.lines());
    }

    private static PlaceOrder lines(PlaceOrder o, List<NewOrderLine> lines) {
        return with(o, o.idempotencyKey(), o.email(), o.currency(), o.shippingAddress(), lines);
    }
}

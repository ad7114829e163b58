package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backorder's expected date: from stock on its way that can reach it, a held-back line, a supplier's lead time. */
@QuarkusTest
class ExpectedDatesApiTest {

    private static void incoming(String location, String sku, int days) {
        JsonPath added = call(
                Tokens.admin(),
                """
                mutation($loc: ID!, $sku: String!, $at: DateTime!) {
                  addIncomingStock(locationId: $loc, sku: $sku, quantity: 5, expectedAt: $at) { onHand } }""",
                Map.of(
                        "loc",
                        location,
                        "sku",
                        sku,
                        "at",
                        Instant.now().plus(Duration.ofDays(days)).toString()));
        assertNull(errorCode(added), added::prettify);
    }

    private static List<String> expected(String orderId) {
        return Routing.read(orderId).getList("data.order.backorders.expectedAt");
    }

    private static String location(String prefix, String country, Integer leadTimeDays) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of(
                "code", Stock.uniqueCode(prefix), "name", prefix, "type", "WAREHOUSE", "countries", List.of(country)));
        if (leadTimeDays != null) {
            input.put("leadTimeDays", leadTimeDays);
        }
        JsonPath made = call(
                Tokens.admin(),
                "mutation($in: LocationInput!) { upsertLocation(input: $in) { id } }",
                Map.of("in", input));
        assertNull(errorCode(made), made::prettify);
        return made.getString("data.upsertLocation.id");
    }

    @Test
    void stockOnItsWayToALocationThatCannotShipToTheOrderGivesNoDate() {
        String sku = Stock.sku();
        incoming(location("FRONLY", "FR", null), sku, 3);
        String order = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(order, 15_000);
        assertEquals(java.util.Collections.singletonList(null), expected(order));
    }

    @Test
    void aShipCompleteLineHeldBackByAnotherTakesTheBlockingLinesDate() {
        String here = Stock.sku();
        String coming = Stock.sku();
        String location = location("HELD", "US", null);
        Stock.put(location, here, 5);
        incoming(location, coming, 3);
        String order = Routing.paidOrder("SHIP_COMPLETE", here, 1, coming, 1);
        Routing.awaitRouted(order, 15_000);
        List<String> dates = expected(order);
        assertEquals(2, dates.size());
        assertNotNull(dates.get(0), "no line of a waiting SHIP_COMPLETE order is left without a date");
        assertEquals(dates.get(0), dates.get(1));
    }

    @Test
    void whatNothingIncomingCoversTakesTheSuppliersLeadTime() {
        String sku = Stock.sku();
        String supplier = location("LEAD", "US", 5);
        Stock.put(supplier, sku, 1);
        Stock.put(supplier, sku, -1);
        String order = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(order, 15_000);
        OffsetDateTime date = OffsetDateTime.parse(expected(order).get(0));
        assertTrue(Duration.between(Instant.now(), date.toInstant()).toHours() > 24 * 4, date::toString);
        assertTrue(Duration.between(Instant.now(), date.toInstant()).toHours() < 24 * 6, date::toString);
    }

    @Test
    void aNewBackorderBehindOthersIsDatedByItsOwnSupplyAndLeavesTheirsAlone() {
        // Behind another order's backorder: one SKU with stock on its way (dated from the batch, the queue read),
        // one with nothing coming (the lead time, without the queue).
        String leadOnly = Stock.sku();
        String coming = Stock.sku();
        String supplier = location("MIXED", "US", 5);
        Stock.put(supplier, leadOnly, 1);
        Stock.put(supplier, leadOnly, -1);
        incoming(supplier, coming, 2);
        String first = Routing.paidOrder(null, leadOnly, 1, coming, 1);
        Routing.awaitRouted(first, 15_000);
        List<String> firstDates = expected(first);

        String second = Routing.paidOrder(null, leadOnly, 1, coming, 1);
        Routing.awaitRouted(second, 15_000);
        assertEquals(firstDates, expected(first), "an older backorder's date moved when a newer one joined");
        Map<String, OffsetDateTime> bySku = new java.util.HashMap<>();
        JsonPath read = Routing.read(second);
        List<String> skus = read.getList("data.order.backorders.sku");
        List<String> dates = read.getList("data.order.backorders.expectedAt");
        for (int i = 0; i < skus.size(); i++) {
            bySku.put(skus.get(i), OffsetDateTime.parse(dates.get(i)));
        }
        long leadHours =
                Duration.between(Instant.now(), bySku.get(leadOnly).toInstant()).toHours();
        long comingHours =
                Duration.between(Instant.now(), bySku.get(coming).toInstant()).toHours();
        assertTrue(leadHours > 24 * 4 && leadHours < 24 * 6, bySku::toString);
        assertTrue(comingHours > 24 && comingHours < 24 * 3, "the batch of 5 on its way covers both orders: " + bySku);
    }
}

package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fill reads the queue several pages at a time and fills it a page at a time (pages of 2 here): the oldest
 * orders are served first across the pages of one read and across reads, a two-line order among them is routed on
 * its own in its turn, and the fill stops where the units run out, within a read.
 */
@QuarkusTest
@TestProfile(FillPagesApiTest.SmallPages.class)
class FillPagesApiTest {
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oms.backorders.fill-page", "2");
        }
    }

    private static final String RECEIVE = """
            mutation($loc: ID!, $sku: String!, $q: Int!) {
              receiveStock(locationId: $loc, sku: $sku, quantity: $q) { backordersAllocated { order { id } } }
            }""";

    @Test
    void theOldestOrdersAreServedFirstAcrossPagesAndTheFillStopsWhereTheUnitsRunOut() {
        String sku = Stock.sku();
        String other = Stock.sku();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // The fourth waits for a second SKU too, which does not arrive: routed on its own, in its turn.
            String id = i == 3 ? Routing.paidOrder(null, sku, 1, other, 1) : Routing.paidOrder(null, sku, 1);
            Routing.awaitRouted(id, 15_000);
            orders.add(id);
        }
        String location = Stock.location(Stock.uniqueCode("PAGES"), "WAREHOUSE", 10, 40.73, -74.17);

        JsonPath received = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 6));
        assertNull(errorCode(received), received::prettify);
        assertEquals(orders.subList(0, 6), received.getList("data.receiveStock.backordersAllocated.order.id"));
        for (int i = 0; i < orders.size(); i++) {
            assertEquals(
                    List.of(i < 6 ? "ALLOCATED" : "OPEN"),
                    Routing.read(orders.get(i))
                            .getList("data.order.backorders.findAll { it.sku == '" + sku + "' }.status"),
                    "order " + i);
        }
    }
}

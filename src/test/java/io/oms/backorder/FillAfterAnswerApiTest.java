package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A receipt answers after {@code fill-wait-in-request} with what its fill allocated by then, and the fill goes on
 * after the answer. Here the receipt answers at once and the sweeper is off, so only the receipt's own fill can
 * allocate the backorders: it must not stop when the answer is sent (it did: the answer's time-out cancelled it,
 * and the rest waited for the sweeper, 8 s of a 15 s restock of 10,000 backorders).
 */
@QuarkusTest
@TestProfile(FillAfterAnswerApiTest.AnswerAtOnce.class)
class FillAfterAnswerApiTest {
    public static class AnswerAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oms.backorders.fill-wait-in-request", "PT0.001S",
                    "oms.backorders.sweep-interval", "off");
        }
    }

    private static final String RECEIVE = """
            mutation($loc: ID!, $sku: String!, $q: Int!) {
              receiveStock(locationId: $loc, sku: $sku, quantity: $q) { backordersAllocated { id } }
            }""";

    @Test
    void theFillGoesOnAfterTheReceiptHasAnswered() {
        String sku = Stock.sku();
        int orders = 20;
        for (int i = 0; i < orders; i++) {
            Routing.awaitRouted(Routing.paidOrder(null, sku, 1), 15_000);
        }
        assertEquals(orders, open(sku), "every order waits for its unit");
        String location = Stock.location(Stock.uniqueCode("LATE"), "WAREHOUSE", 10, 40.73, -74.17);

        JsonPath received = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", orders));
        assertNull(errorCode(received), received::prettify);
        assertTrue(
                received.getList("data.receiveStock.backordersAllocated").size() < orders,
                "answered before the fill was done");

        long deadline = System.currentTimeMillis() + 15_000;
        while (open(sku) > 0 && System.currentTimeMillis() < deadline) {
            Routing.pause(50);
        }
        assertEquals(0, open(sku), "the receipt's fill allocated every backorder after its answer");
    }

    private static long open(String sku) {
        return Db.count("select count(*) from backorders where sku = ? and status = 'OPEN'", sku);
    }
}

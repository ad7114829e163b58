package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Relay paging both ways on every connection, the orders' sort and admin filters, and bad paging input. */
@QuarkusTest
class PagingApiTest {
    private static final String ORDERS = """
            query($filter: OrderFilter, $first: Int, $after: String, $last: Int, $before: String, $sort: OrderSort) {
              orders(filter: $filter, first: $first, after: $after, last: $last, before: $before, sort: $sort) {
                totalCount edges { cursor node { id number } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";

    @Test
    void ordersPageForwardAndBackwardWithAFullPageInfoAndEitherSort() {
        String customer = Orders.newCustomer();
        for (int i = 0; i < 5; i++) {
            Orders.placed(customer);
        }
        String token = Tokens.customer(customer);
        List<String> newestFirst = ids(orders(token, args("first", 5)));
        assertEquals(5, newestFirst.size());

        JsonPath first = orders(token, args("first", 2));
        assertEquals(newestFirst.subList(0, 2), ids(first));
        assertPageInfo(first, true, false);
        assertEquals(5, first.getInt("data.orders.totalCount"));

        JsonPath second = orders(token, args("first", 2, "after", endCursor(first)));
        assertEquals(newestFirst.subList(2, 4), ids(second));
        assertPageInfo(second, true, true);

        JsonPath last = orders(token, args("last", 2));
        assertEquals(newestFirst.subList(3, 5), ids(last));
        assertPageInfo(last, false, true);

        JsonPath back = orders(token, args("last", 2, "before", second.getString("data.orders.pageInfo.startCursor")));
        assertEquals(newestFirst.subList(0, 2), ids(back));
        assertPageInfo(back, true, false);

        JsonPath between = orders(
                token,
                args(
                        "first",
                        10,
                        "after",
                        endCursor(first),
                        "before",
                        last.getString("data.orders.pageInfo.startCursor")));
        assertEquals(newestFirst.subList(2, 3), ids(between));
        assertPageInfo(between, true, true);

        List<String> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        JsonPath ascending = orders(token, args("first", 3, "sort", "PLACED_AT_ASC"));
        assertEquals(oldestFirst.subList(0, 3), ids(ascending));
        JsonPath ascendingRest =
                orders(token, args("first", 3, "after", endCursor(ascending), "sort", "PLACED_AT_ASC"));
        assertEquals(oldestFirst.subList(3, 5), ids(ascendingRest));
        assertPageInfo(ascendingRest, false, true);
    }

    @Test
    void adminsFindOrdersByNumberEmailLocationStatusAndTime() {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("FIND"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 5);
        String email = "Find-" + UUID.randomUUID() + "@Example.com";
        Map<String, Object> input = Orders.input();
        input.put("email", email);
        input.put("lines", new ArrayList<>(List.of(Orders.line(sku, 1, "10.00"))));
        JsonPath placed = Orders.place(Tokens.customer(Orders.newCustomer()), input);
        String id = placed.getString("data.placeOrder.id");
        String number = placed.getString("data.placeOrder.number");
        Routing.pay(id);
        Routing.awaitRouted(id, 15_000);
        String admin = Tokens.admin();

        assertEquals(List.of(id), ids(orders(admin, filter(Map.of("number", number)))));
        assertEquals(List.of(id), ids(orders(admin, filter(Map.of("email", email.toLowerCase())))));
        assertEquals(List.of(id), ids(orders(admin, filter(Map.of("locationId", location)))));
        assertEquals(
                List.of(id),
                ids(orders(admin, filter(Map.of("locationId", location, "status", "AWAITING_FULFILLMENT")))));
        assertEquals(List.of(), ids(orders(admin, filter(Map.of("locationId", location, "status", "PENDING")))));
        assertEquals(List.of(), ids(orders(admin, filter(Map.of("email", email, "stuck", true)))));
        String placedAt = call(admin, "query($id: ID!) { order(id: $id) { placedAt } }", Map.of("id", id))
                .getString("data.order.placedAt");
        assertEquals(
                List.of(id),
                ids(orders(
                        admin,
                        filter(Map.of("email", email, "placedFrom", placedAt, "placedTo", "2100-01-01T00:00:00Z")))));
        assertEquals(List.of(), ids(orders(admin, filter(Map.of("email", email, "placedTo", placedAt)))));
    }

    @Test
    void aLocationsOrdersPageBothWaysAndAnOrderShippedTwiceFromThereIsListedOnce() {
        String sku = Stock.sku();
        String other = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("TWICE"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 1);
        Stock.put(location, other, 2);
        String twice = Routing.paidOrder(null, sku, 3);
        Routing.awaitRouted(twice, 15_000);
        JsonPath received = call(Tokens.admin(), """
                mutation($loc: ID!, $sku: String!) { receiveStock(locationId: $loc, sku: $sku, quantity: 2) {
                  backordersAllocated { id } } }""", Map.of("loc", location, "sku", sku));
        assertNull(errorCode(received), received::prettify);
        long deadline = System.currentTimeMillis() + 15_000;
        while (io.oms.support.Db.count(
                                "select count(*) from fulfillment_orders where order_id = ?", UUID.fromString(twice))
                        < 2
                && System.currentTimeMillis() < deadline) {
            Routing.pause(50);
        }
        assertEquals(
                2L,
                io.oms.support.Db.count(
                        "select count(*) from fulfillment_orders where order_id = ? and location_id = ?",
                        UUID.fromString(twice),
                        UUID.fromString(location)),
                "the order ships twice from the location");
        String older = Routing.paidOrder(null, other, 1);
        Routing.awaitRouted(older, 15_000);
        String newest = Routing.paidOrder(null, other, 1);
        Routing.awaitRouted(newest, 15_000);
        String admin = Tokens.admin();
        Map<String, Object> atLocation = Map.of("locationId", location);

        JsonPath all = orders(admin, args("filter", atLocation, "first", 10));
        assertEquals(List.of(newest, older, twice), ids(all));
        assertEquals(3, all.getInt("data.orders.totalCount"));

        JsonPath first = orders(admin, args("filter", atLocation, "first", 2));
        assertEquals(List.of(newest, older), ids(first));
        assertPageInfo(first, true, false);
        JsonPath rest = orders(admin, args("filter", atLocation, "first", 2, "after", endCursor(first)));
        assertEquals(List.of(twice), ids(rest));
        assertPageInfo(rest, false, true);
        JsonPath back = orders(
                admin,
                args("filter", atLocation, "last", 2, "before", rest.getString("data.orders.pageInfo.startCursor")));
        assertEquals(List.of(newest, older), ids(back));
        assertPageInfo(back, true, false);
        JsonPath oldestFirst = orders(admin, args("filter", atLocation, "first", 2, "sort", "PLACED_AT_ASC"));
        assertEquals(List.of(twice, older), ids(oldestFirst));
        assertPageInfo(oldestFirst, true, false);
    }

    @Test
    void badPagingInputIsRefusedAsValidationNamingTheArgument() {
        String admin = Tokens.admin();
        assertValidation(orders(admin, args("first", 2, "last", 2)), "last");
        assertValidation(orders(admin, args("first", -1)), "first");
        assertValidation(orders(admin, args("last", 201)), "last");
        assertValidation(orders(admin, args("first", 201)), "first");
        assertValidation(orders(admin, args("last", 2, "before", "not-a-cursor")), "before");
        assertValidation(orders(admin, args("after", "bm90LWEtY3Vyc29y")), "after");
        assertValidation(orders(admin, filter(Map.of("number", "12a"))), "filter.number");
        JsonPath levels = call(admin, """
                query($loc: ID!) { inventoryLevelsAt(locationId: $loc, first: 1, last: 1) { totalCount } }""", Map.of("loc", UUID.randomUUID().toString()));
        assertValidation(levels, "last");
    }

    @Test
    void everyConnectionPagesBackwardToo() {
        String admin = Tokens.admin();
        for (String connection : List.of("orders", "stuckOrders", "fulfillmentOrders", "backorders", "notifications")) {
            JsonPath page = call(
                    admin,
                    "{ " + connection + "(last: 1) { edges { cursor } "
                            + "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }");
            assertNull(page.get("errors"), connection + ": " + page.prettify());
            assertFalse(page.getBoolean("data." + connection + ".pageInfo.hasNextPage"), connection);
            assertEquals(
                    page.getString("data." + connection + ".pageInfo.startCursor"),
                    page.getString("data." + connection + ".pageInfo.endCursor"),
                    connection);
        }
    }

    @Test
    void fulfillmentOrdersAndBackordersSortOldestFirstToo() {
        String stocked = Stock.sku();
        String missing = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("SORT"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, stocked, 10);
        for (int i = 0; i < 3; i++) {
            String id = Routing.paidOrder(null, stocked, 1, missing, 1);
            Routing.awaitRouted(id, 15_000);
        }
        String fulfillment = """
                query($loc: ID!, $sort: FulfillmentOrderSort) {
                  fulfillmentOrders(filter: {locationId: $loc}, sort: $sort) { edges { node { id } } } }""";
        assertOldestFirstIsNewestFirstReversed(
                fulfillment, "fulfillmentOrders", Map.of("loc", location), "CREATED_AT_ASC");
        String backorders = """
                query($sku: String!, $sort: BackorderSort) {
                  backorders(filter: {sku: $sku}, sort: $sort) { edges { node { id } } } }""";
        assertOldestFirstIsNewestFirstReversed(backorders, "backorders", Map.of("sku", missing), "CREATED_AT_ASC");
    }

    private static void assertOldestFirstIsNewestFirstReversed(
            String query, String connection, Map<String, Object> variables, String ascending) {
        JsonPath newest = call(Tokens.admin(), query, variables);
        Map<String, Object> oldestVariables = new HashMap<>(variables);
        oldestVariables.put("sort", ascending);
        JsonPath oldest = call(Tokens.admin(), query, oldestVariables);
        List<String> newestFirst = newest.getList("data." + connection + ".edges.node.id");
        List<String> oldestFirst = new ArrayList<>(oldest.getList("data." + connection + ".edges.node.id"));
        assertEquals(3, newestFirst.size(), newest.prettify());
        java.util.Collections.reverse(oldestFirst);
        assertEquals(newestFirst, oldestFirst, oldest.prettify());
    }

    @Test
    void inventoryLevelsAtPagesALocationsStockBySkuForAdminsAndItsOwnWarehouse() {
        String code = Stock.uniqueCode("LEVELS");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        String prefix = Stock.sku();
        List<String> skus = List.of(prefix + "-A", prefix + "-B", prefix + "-C", prefix + "-D", prefix + "-E");
        for (String sku : skus) {
            Stock.put(location, sku, 3);
        }
        String query = """
                query($loc: ID!, $first: Int, $after: String, $last: Int, $before: String) {
                  inventoryLevelsAt(locationId: $loc, first: $first, after: $after, last: $last, before: $before) {
                    totalCount edges { cursor node { sku onHand location { code } } }
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                  }
                }""";
        Map<String, Object> vars = new HashMap<>(Map.of("loc", location, "first", 2));
        JsonPath first = call(Tokens.admin(), query, vars);
        assertEquals(skus.subList(0, 2), first.getList("data.inventoryLevelsAt.edges.node.sku"), first.prettify());
        assertEquals(5, first.getInt("data.inventoryLevelsAt.totalCount"));
        assertTrue(first.getBoolean("data.inventoryLevelsAt.pageInfo.hasNextPage"));

        vars.put("after", first.getString("data.inventoryLevelsAt.pageInfo.endCursor"));
        JsonPath second = call(Tokens.warehouse(code), query, vars);
        assertEquals(skus.subList(2, 4), second.getList("data.inventoryLevelsAt.edges.node.sku"), second.prettify());
        assertTrue(second.getBoolean("data.inventoryLevelsAt.pageInfo.hasPreviousPage"));

        JsonPath last = call(Tokens.admin(), query, Map.of("loc", location, "last", 1));
        assertEquals(skus.subList(4, 5), last.getList("data.inventoryLevelsAt.edges.node.sku"));
        assertFalse(last.getBoolean("data.inventoryLevelsAt.pageInfo.hasNextPage"));
        assertTrue(last.getBoolean("data.inventoryLevelsAt.pageInfo.hasPreviousPage"));

        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("ELSEWHERE"), query, Map.of("loc", location))));
        assertEquals(
                "NOT_FOUND",
                errorCode(call(
                        Tokens.admin(), query, Map.of("loc", UUID.randomUUID().toString()))));
    }

    private static JsonPath orders(String token, Map<String, Object> variables) {
        return call(token, ORDERS, variables);
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> filter(Map<String, Object> filter) {
        return args("filter", filter, "first", 50);
    }

    private static List<String> ids(JsonPath page) {
        assertNull(page.get("errors"), page.prettify());
        return page.getList("data.orders.edges.node.id");
    }

    private static String endCursor(JsonPath page) {
        return page.getString("data.orders.pageInfo.endCursor");
    }

    private static void assertPageInfo(JsonPath page, boolean hasNext, boolean hasPrevious) {
        assertEquals(hasNext, page.getBoolean("data.orders.pageInfo.hasNextPage"), page.prettify());
        assertEquals(hasPrevious, page.getBoolean("data.orders.pageInfo.hasPreviousPage"), page.prettify());
        List<String> cursors = page.getList("data.orders.edges.cursor");
        assertEquals(cursors.get(0), page.getString("data.orders.pageInfo.startCursor"));
        assertEquals(cursors.get(cursors.size() - 1), page.getString("data.orders.pageInfo.endCursor"));
    }

    private static void assertValidation(JsonPath response, String field) {
        assertEquals("VALIDATION", errorCode(response), response.prettify());
        assertEquals(field, response.getString("errors[0].extensions.field"), response.prettify());
    }
}

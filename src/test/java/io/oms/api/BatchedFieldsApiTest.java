package io.oms.api;

import static io.oms.support.GraphQL.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Orders;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * graphql-java resolves sibling fields concurrently: several parents, each with several database-backed
 * fields, and several top-level queries in one document, must all resolve.
 */
@QuarkusTest
class BatchedFieldsApiTest {

    @Test
    void manyOrdersWithLinesAndEventsResolveInOneRequest() {
        String customer = Orders.newCustomer();
        for (int i = 0; i < 3; i++) {
            Orders.placed(customer);
        }
        String other = Orders.placed(Orders.newCustomer());
        JsonPath response = call(Tokens.admin(), """
                query($c: String, $id: ID!) {
                  orders(filter: {customerId: $c}, first: 10) {
                    totalCount
                    edges { node { id lines { sku } events { type } } }
                  }
                  single: order(id: $id) { lines { sku } events { type } }
                  again: orders(filter: {customerId: $c}, first: 1) { edges { node { lines { sku } events { actor } } } }
                }""", Map.of("c", customer, "id", other));
        assertNull(response.get("errors"), () -> response.prettify());
        assertEquals(3, response.getInt("data.orders.totalCount"));
        List<List<String>> skus = response.getList("data.orders.edges.node.lines.sku");
        assertEquals(List.of(List.of("SKU-A", "SKU-B"), List.of("SKU-A", "SKU-B"), List.of("SKU-A", "SKU-B")), skus);
        assertEquals(
                List.of(List.of("ORDER_PLACED"), List.of("ORDER_PLACED"), List.of("ORDER_PLACED")),
                response.getList("data.orders.edges.node.events.type"));
        assertEquals(List.of("SKU-A", "SKU-B"), response.getList("data.single.lines.sku"));
        assertEquals(List.of(List.of(customer)), response.getList("data.again.edges.node.events.actor"));
    }

    @Test
    void totalCountIsCountedWhenSelectedHoweverItIsSpelled() {
        String customer = Orders.newCustomer();
        for (int i = 0; i < 3; i++) {
            Orders.placed(customer);
        }
        Map<String, Object> vars = Map.of("c", customer);
        String filter = "orders(filter: {customerId: $c}, first: 1)";
        JsonPath plain = call(Tokens.admin(), "query($c: String) { " + filter + " { totalCount } }", vars);
        assertEquals(3, plain.getInt("data.orders.totalCount"), plain.prettify());
        JsonPath aliased = call(Tokens.admin(), "query($c: String) { " + filter + " { n: totalCount } }", vars);
        assertEquals(3, aliased.getInt("data.orders.n"), aliased.prettify());
        JsonPath fragment = call(
                Tokens.admin(),
                "query($c: String) { " + filter + " { ...T } }" + " fragment T on OrderConnection { totalCount }",
                vars);
        assertEquals(3, fragment.getInt("data.orders.totalCount"), fragment.prettify());
        JsonPath inline = call(
                Tokens.admin(), "query($c: String) { " + filter + " { ... on OrderConnection { totalCount } } }", vars);
        assertEquals(3, inline.getInt("data.orders.totalCount"), inline.prettify());
        JsonPath without = call(Tokens.admin(), "query($c: String) { " + filter + " { edges { node { id } } } }", vars);
        assertEquals(1, without.getList("data.orders.edges").size(), without.prettify());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        String customer = Orders.newCustomer();
        for (int i = 0; i < 5; i++) {
            Orders.placed(customer);
        }
        String query = """
                query($c: String, $after: String) {
                  orders(filter: {customerId: $c}, first: 2, after: $after) {
                    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
                  }
                }""";
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("c", customer);
            variables.put("after", after);
            JsonPath page = call(Tokens.admin(), query, variables);
            assertEquals(5, page.getInt("data.orders.totalCount"));
            seen.addAll(page.getList("data.orders.edges.node.id"));
            more = page.getBoolean("data.orders.pageInfo.hasNextPage");
            after = page.getString("data.orders.pageInfo.endCursor");
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
    }
}

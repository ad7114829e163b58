package io.oms.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.GraphQL;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * graphql-js' standard introspection query, the exact text of {@code getIntrospectionQuery()} (15 levels deep;
 * src/test/resources/contract/introspection-query.graphql, written by docs/contract-check/introspection-query.mjs
 * and compared with graphql-js' text in CI), is answered, while the depth limit (12) still refuses ordinary
 * operations, also one that hides an ordinary field beside introspection.
 */
@QuarkusTest
class IntrospectionApiTest {

    static String introspectionQuery() throws IOException {
        try (InputStream in = IntrospectionApiTest.class.getResourceAsStream("/contract/introspection-query.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Order → fulfillmentOrders → order ... : 14 levels of ordinary fields (the limit is 12). */
    private static final String DEEP = "query Deep { orders(first: 1) { edges { node {"
            + " fulfillmentOrders { order { fulfillmentOrders { order { fulfillmentOrders { order {"
            + " fulfillmentOrders { order { fulfillmentOrders { order { id } } } } } } } } } } } } } }";

    @Test
    void theStandardIntrospectionQueryIsAnswered() throws IOException {
        String query = introspectionQuery();
        assertTrue(query.contains("query IntrospectionQuery") && query.contains("fragment TypeRef"), query);
        for (String token : new String[] {null, Tokens.customer("introspecting-customer"), Tokens.admin()}) {
            JsonPath answer = GraphQL.call(token, query);
            assertNull(answer.get("errors"), answer.prettify());
            assertEquals("Query", answer.getString("data.__schema.queryType.name"));
            assertEquals("Mutation", answer.getString("data.__schema.mutationType.name"));
            List<String> types = answer.getList("data.__schema.types.name");
            assertTrue(
                    types.containsAll(List.of("Order", "DateTime", "BigDecimal", "OrderConnection")), types::toString);
        }
    }

    @Test
    void aTypeQueryIsAnswered() {
        JsonPath answer = GraphQL.call(
                null, "query T($n: String!) { __type(name: $n) { name fields { name } } }", Map.of("n", "Order"));
        assertNull(answer.get("errors"), answer.prettify());
        assertTrue(answer.getList("data.__type.fields.name").contains("number"));
    }

    @Test
    void anOrdinaryQueryOverTheDepthLimitIsStillRefused() {
        JsonPath answer = GraphQL.call(Tokens.admin(), DEEP);
        assertEquals("VALIDATION", GraphQL.errorCode(answer), answer.prettify());
        assertTrue(answer.getString("errors[0].message").contains("depth"), answer.prettify());
        assertNull(answer.get("data.orders"), answer.prettify());
    }

    /** The limits remember operations that passed, never one that was refused. */
    @Test
    void anOrdinaryQueryOverTheDepthLimitIsRefusedEveryTime() {
        for (int i = 0; i < 3; i++) {
            JsonPath answer = GraphQL.call(Tokens.admin(), DEEP);
            assertEquals("VALIDATION", GraphQL.errorCode(answer), answer.prettify());
        }
    }

    /**
     * An operation whose depth depends on its variables (@include, @skip) is checked on every execution: having
     * passed shallow, the same document is still refused deep.
     */
    @Test
    void anOperationWhoseDepthDependsOnItsVariablesIsCheckedEveryTime() {
        String conditional = DEEP.replace(
                "query Deep { orders(first: 1) { edges { node { fulfillmentOrders",
                "query Conditional($deep: Boolean!) { orders(first: 1) { edges { node { id fulfillmentOrders"
                        + " @include(if: $deep)");
        for (int i = 0; i < 2; i++) {
            JsonPath shallow = GraphQL.call(Tokens.admin(), conditional, Map.of("deep", false));
            assertNull(shallow.get("errors"), shallow.prettify());
        }
        JsonPath deep = GraphQL.call(Tokens.admin(), conditional, Map.of("deep", true));
        assertEquals("VALIDATION", GraphQL.errorCode(deep), deep.prettify());
        assertTrue(deep.getString("errors[0].message").contains("depth"), deep.prettify());
    }

    @Test
    void introspectionBesideAnOrdinaryFieldDoesNotLiftTheLimit() {
        String mixed = DEEP.replace("query Deep {", "query Mixed { __schema { queryType { name } }");
        JsonPath answer = GraphQL.call(Tokens.admin(), mixed);
        assertEquals("VALIDATION", GraphQL.errorCode(answer), answer.prettify());
        // nor through a fragment
        String viaFragment = "query Fragmented { ...Both } fragment Both on Query { __typename "
                + DEEP.substring("query Deep {".length(), DEEP.length() - 1) + "}";
        JsonPath fragmented = GraphQL.call(Tokens.admin(), viaFragment);
        assertEquals("VALIDATION", GraphQL.errorCode(fragmented), fragmented.prettify());
    }

    @Test
    void anIntrospectionQueryInBadFaithIsRefused() {
        // graphql-java's good-faith check still bounds introspection: a field repeated to multiply the work
        String nested = "query Bad { __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        JsonPath answer = GraphQL.call(null, nested);
        assertEquals("VALIDATION", GraphQL.errorCode(answer), answer.prettify());
        assertNull(answer.get("data.__schema"), answer.prettify());
    }
}

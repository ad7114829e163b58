package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input of the foundation issue: VALIDATION naming the field, and nothing written. */
@QuarkusTest
class BadInputApiTest {

    static Stream<Arguments> badOrders() {
        return Stream.of(
                bad("input.lines[0].quantity", "quantity 0", in -> lines(in).set(0, Orders.line("S", 0, "1.00"))),
                bad(
                        "input.lines[0].quantity",
                        "quantity 100001",
                        in -> lines(in).set(0, Orders.line("S", 100_001, "1.00"))),
                bad(
                        "input.lines",
                        "501 lines",
                        in -> in.put("lines", Collections.nCopies(501, Orders.line("S", 1, "1.00")))),
                bad("input.lines", "no lines", in -> in.put("lines", List.of())),
                bad("input.lines[1].sku", "empty sku", in -> lines(in).set(1, Orders.line("", 1, "1.00"))),
                bad(
                        "input.lines[0].sku",
                        "over-long sku",
                        in -> lines(in).set(0, Orders.line("S".repeat(65), 1, "1.00"))),
                bad("input.idempotencyKey", "empty idempotency key", in -> in.put("idempotencyKey", "")),
                bad(
                        "input.idempotencyKey",
                        "over-long idempotency key",
                        in -> in.put("idempotencyKey", "k".repeat(201))),
                bad("input.currency", "unknown currency", in -> in.put("currency", "ABC")),
                bad("input.email", "malformed email", in -> in.put("email", "alice@")),
                bad(
                        "input.lines[0].unitPrice",
                        "negative price",
                        in -> lines(in).set(0, Orders.line("S", 1, "-1.00"))),
                bad(
                        "input.shippingAddress.city",
                        "missing city",
                        in -> address(in).remove("city")),
                bad(
                        "input.shippingAddress.postalCode",
                        "missing postal code",
                        in -> address(in).remove("postalCode")),
                bad(
                        "input.shippingAddress.country",
                        "missing country",
                        in -> address(in).remove("country")),
                bad(
                        "input.shippingAddress.country",
                        "unknown country",
                        in -> address(in).put("country", "QQ")),
                bad("input.shippingAddress", "missing address", in -> in.remove("shippingAddress")),
                // SmallRye coerces a variable object as a whole, so only the argument can be named here.
                bad(
                        "input",
                        "quantity not a number",
                        in -> lines(in).set(0, Map.of("sku", "S", "quantity", "two", "unitPrice", "1.00"))),
                bad(
                        "input.lines[0].quantity",
                        "quantity beyond Int",
                        in -> lines(in).set(0, Map.of("sku", "S", "quantity", 10_000_000_000L, "unitPrice", "1.00"))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOrders")
    void aBadOrderIsRefusedNamingTheFieldAndNothingIsWritten(
            String field, String what, Consumer<Map<String, Object>> breakIt) {
        String customer = Orders.newCustomer();
        Map<String, Object> input = Orders.input();
        breakIt.accept(input);
        JsonPath response = Orders.place(Tokens.customer(customer), input);
        assertEquals("VALIDATION", errorCode(response), () -> response.prettify());
        assertEquals(field, response.getString("errors[0].extensions.field"), () -> response.prettify());
        assertEquals(0L, Db.count("select count(*) from orders where customer_id = ?", customer));
        assertEquals(0L, Db.count("select count(*) from idempotency_keys where caller = ?", customer));
    }

    @Test
    void aBadLocationOrAdjustmentIsRefusedNamingTheField() {
        JsonPath location = call(Tokens.admin(), """
                mutation { upsertLocation(input: {code: "BAD CODE", name: "n", type: STORE, countries: ["US"]}) { id } }""");
        assertEquals("input.code", location.getString("errors[0].extensions.field"));
        JsonPath noCountries = call(Tokens.admin(), """
                mutation { upsertLocation(input: {code: "NEW-LOC-X", name: "n", type: STORE, countries: []}) { id } }""");
        assertEquals("input.countries", noCountries.getString("errors[0].extensions.field"));
        JsonPath zero = call(Tokens.admin(), """
                mutation { adjustInventory(locationId: "00000000-0000-0000-0000-000000000000", sku: "S", delta: 0, reason: "r") { onHand } }""");
        assertEquals("delta", zero.getString("errors[0].extensions.field"));
        JsonPath badId = call(Tokens.admin(), """
                mutation { adjustInventory(locationId: "nope", sku: "S", delta: 1, reason: "r") { onHand } }""");
        assertEquals("locationId", badId.getString("errors[0].extensions.field"));
        JsonPath unknown = call(Tokens.admin(), """
                mutation { adjustInventory(locationId: "00000000-0000-0000-0000-000000000000", sku: "S", delta: 1, reason: "r") { onHand } }""");
        assertEquals("NOT_FOUND", errorCode(unknown));
    }

    @Test
    void pagingArgumentsAreChecked() {
        assertEquals(
                "first",
                call(Tokens.admin(), "{ orders(first: 201) { totalCount } }").getString("errors[0].extensions.field"));
        assertEquals(
                "after",
                call(Tokens.admin(), "{ orders(after: \"garbage\") { totalCount } }")
                        .getString("errors[0].extensions.field"));
    }

    @Test
    void tooComplexOrMalformedQueriesAreValidationErrorsWithoutInternals() {
        StringBuilder amplified = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            amplified.append(" o").append(i).append(": orders { edges { node { lines { sku } events { type } } } }");
        }
        JsonPath tooDeep = call(Tokens.admin(), amplified.append(" }").toString());
        assertEquals("VALIDATION", errorCode(tooDeep), () -> tooDeep.prettify());
        JsonPath malformed = call(Tokens.admin(), "{ orders(first: \"x\") { totalCount } }");
        assertEquals("VALIDATION", errorCode(malformed), () -> malformed.prettify());
        JsonPath unknownField = call(Tokens.admin(), "{ orders { nope } }");
        assertEquals("VALIDATION", errorCode(unknownField));
        for (JsonPath response : List.of(tooDeep, malformed, unknownField)) {
            String text = response.prettify();
            assertFalse(text.contains("Exception"), text);
            assertFalse(text.contains("at io."), text);
        }
    }

    @Test
    void documentsThatDoNotParseAreValidationErrors() {
        for (String broken : List.of(
                "{ orders(",
                "mutation { placeOrder(input: {}) { id }",
                "}}}",
                "query { x: }",
                "{ order(id: \"1\") { id } } trailing garbage")) {
            JsonPath response = call(Tokens.admin(), broken);
            assertEquals("VALIDATION", errorCode(response), () -> broken + " -> " + response.prettify());
            assertFalse(response.prettify().contains("Exception"), response.prettify());
        }
        StringBuilder tokens = new StringBuilder("{ locations { ");
        for (int i = 0; i < 20_000; i++) {
            tokens.append("id ");
        }
        JsonPath tooManyTokens = call(null, tokens.append("} }").toString());
        assertEquals("VALIDATION", errorCode(tooManyTokens), () -> tooManyTokens.prettify());
        JsonPath nul = call(
                Tokens.admin(),
                "query($s: String) { orders(filter: {sku: $s}) { totalCount } }",
                Map.of("s", "a\u0000b"));
        assertEquals("VALIDATION", errorCode(nul), () -> nul.prettify());
        JsonPath valid = call(null, "{ locations { code } }");
        assertNull(errorCode(valid), () -> valid.prettify());
        for (String notARequest : List.of("{", "[]", "null", "\"x\"", "{\"query\": 5}", "{}")) {
            String code = io.restassured.RestAssured.given()
                    .contentType("application/json")
                    .body(notARequest)
                    .when()
                    .post("/graphql")
                    .then()
                    .extract()
                    .jsonPath()
                    .getString("errors[0].extensions.code");
            assertEquals("VALIDATION", code, notARequest);
        }
        // the token is checked first: a bad one is still a 401, whatever the document
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("Authorization", "Bearer x.y.z")
                .body(Map.of("query", "{ orders("))
                .when()
                .post("/graphql")
                .then()
                .statusCode(401);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> lines(Map<String, Object> input) {
        List<Object> lines = new ArrayList<>((List<Object>) input.get("lines"));
        input.put("lines", lines);
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> address(Map<String, Object> input) {
        return (Map<String, Object>) input.get("shippingAddress");
    }

    private static Arguments bad(String field, String what, Consumer<Map<String, Object>> change) {
        return Arguments.of(field, what, change);
    }
}

package io.oms.support;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixtures for placing orders through the API. */
public final class Orders {
    public static final String PLACE = """
            mutation Place($input: PlaceOrderInput!) {
              placeOrder(input: $input) {
                id number status customerId email currency splitPolicy subtotal total refundedTotal version
                shippingAddress { name line1 city postalCode country latitude longitude }
                lines { id sku quantity unitPrice }
                events { type fromStatus toStatus actor }
              }
            }""";

    private Orders() {}

    public static Map<String, Object> address() {
        Map<String, Object> address = new java.util.HashMap<>();
        address.put("name", "Alice Doe");
        address.put("line1", "1 Main St");
        address.put("city", "Boston");
        address.put("postalCode", "02108");
        address.put("country", "US");
        return address;
    }

    public static Map<String, Object> line(String sku, int quantity, String unitPrice) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice);
    }

    /** A valid input: two lines, mutable so tests can break one field at a time. */
    public static Map<String, Object> input() {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("idempotencyKey", "key-" + UUID.randomUUID());
        input.put("email", "alice@example.com");
        input.put("currency", "USD");
        input.put("shippingAddress", address());
        input.put("lines", new ArrayList<>(List.of(line("SKU-A", 2, "19.99"), line("SKU-B", 1, "5.00"))));
        return input;
    }

    public static JsonPath place(String token, Map<String, Object> input) {
        return GraphQL.call(token, PLACE, Map.of("input", input));
    }

    /** Places a valid order for a new customer and returns its id. */
    public static String placed(String customer) {
        JsonPath response = place(Tokens.customer(customer), input());
        String id = response.getString("data.placeOrder.id");
        if (id == null) {
            throw new AssertionError("placeOrder failed: " + response.prettify());
        }
        return id;
    }

    public static String newCustomer() {
        return "cust-" + UUID.randomUUID();
    }
}

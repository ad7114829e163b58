package io.oms.support;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Locations and stock made through the API, each with a unique code so tests never share stock. */
public final class Stock {
    private Stock() {}

    public static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String sku() {
        return uniqueCode("SKU");
    }

    /** Creates a location shipping to the US and returns its id. */
    public static String location(String code, String type, int priority, Double lat, Double lon) {
        Map<String, Object> input = new HashMap<>();
        input.put("code", code);
        input.put("name", code);
        input.put("type", type);
        input.put("priority", priority);
        input.put("countries", List.of("US"));
        if (lat != null) {
            input.put("latitude", lat);
            input.put("longitude", lon);
        }
        JsonPath response = call(Tokens.admin(), """
                mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }""", Map.of("input", input));
        if (errorCode(response) != null) {
            throw new AssertionError(response.prettify());
        }
        return response.getString("data.upsertLocation.id");
    }

    public static void put(String locationId, String sku, int quantity) {
        JsonPath response = call(Tokens.admin(), """
                mutation($loc: ID!, $sku: String!, $q: Int!) {
                  adjustInventory(locationId: $loc, sku: $sku, delta: $q, reason: "test stock") { onHand }
                }""", Map.of("loc", locationId, "sku", sku, "q", quantity));
        if (errorCode(response) != null) {
            throw new AssertionError(response.prettify());
        }
    }

    public static long reserved(String sku) {
        return Db.count("select coalesce(sum(reserved), 0) from inventory_levels where sku = ?", sku);
    }
}

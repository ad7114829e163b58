package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.support.Db;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryApiTest {
    private static final String UPSERT = """
            mutation($input: LocationInput!) {
              upsertLocation(input: $input) { id code name type priority active latitude longitude countries }
            }""";
    private static final String ADJUST = """
            mutation($loc: ID!, $sku: String!, $delta: Int!) {
              adjustInventory(locationId: $loc, sku: $sku, delta: $delta, reason: "cycle count") {
                sku onHand reserved available location { code }
              }
            }""";

    @Test
    void aLocationIsCreatedThenUpdatedByItsCode() {
        String code = "LOC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        JsonPath created = call(
                Tokens.admin(),
                UPSERT,
                Map.of(
                        "input",
                        Map.of(
                                "code",
                                code,
                                "name",
                                "Dallas DC",
                                "type",
                                "WAREHOUSE",
                                "priority",
                                5,
                                "latitude",
                                32.78,
                                "longitude",
                                -96.8,
                                "countries",
                                List.of("us", "MX"))));
        assertEquals(null, errorCode(created), () -> created.prettify());
        assertEquals(List.of("MX", "US"), created.getList("data.upsertLocation.countries"));
        assertEquals(true, created.getBoolean("data.upsertLocation.active"));
        String id = created.getString("data.upsertLocation.id");

        JsonPath updated = call(
                Tokens.admin(),
                UPSERT,
                Map.of("input", Map.of("code", code.toLowerCase(), "active", false, "priority", 9)));
        assertEquals(id, updated.getString("data.upsertLocation.id"));
        assertEquals(false, updated.getBoolean("data.upsertLocation.active"));
        assertEquals(9, updated.getInt("data.upsertLocation.priority"));
        assertEquals("Dallas DC", updated.getString("data.upsertLocation.name"));
        assertEquals(List.of("MX", "US"), updated.getList("data.upsertLocation.countries"));

        JsonPath listed = call(null, "{ locations { id code } }");
        assertEquals(
                1,
                listed.getList("data.locations.findAll { it.code == '" + code + "' }")
                        .size());
    }

    @Test
    void adjustmentsChangeOnHandWriteTheLedgerAndNeverGoBelowZero() {
        String code = "ADJ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = call(
                        Tokens.admin(),
                        UPSERT,
                        Map.of("input", Map.of("code", code, "name", "n", "type", "STORE", "countries", List.of("US"))))
                .getString("data.upsertLocation.id");
        String sku = code + "-1";
        JsonPath up = call(Tokens.admin(), ADJUST, Map.of("loc", id, "sku", sku, "delta", 10));
        assertEquals(10, up.getInt("data.adjustInventory.onHand"));
        assertEquals(10, up.getInt("data.adjustInventory.available"));
        assertEquals(code, up.getString("data.adjustInventory.location.code"));
        JsonPath down = call(Tokens.warehouse(code), ADJUST, Map.of("loc", id, "sku", sku, "delta", -4));
        assertEquals(6, down.getInt("data.adjustInventory.onHand"));
        JsonPath tooMuch = call(Tokens.admin(), ADJUST, Map.of("loc", id, "sku", sku, "delta", -7));
        assertEquals("INSUFFICIENT_QUANTITY", errorCode(tooMuch));

        List<List<Object>> ledger = Db.query("""
                select on_hand_delta, on_hand_after, actor, reason from inventory_movements
                where location_id = ? order by id""", UUID.fromString(id));
        assertEquals(2, ledger.size());
        assertEquals(List.of(10, 10, "admin-1", "cycle count"), ledger.get(0));
        assertEquals(List.of(-4, 6, "wh-" + code, "cycle count"), ledger.get(1));

        JsonPath levels =
                call(Tokens.admin(), "query($s: String!) { inventoryLevels(sku: $s) { onHand } }", Map.of("s", sku));
        assertEquals(List.of(6), levels.getList("data.inventoryLevels.onHand"));
    }

    @Test
    void theDatabaseRefusesReservedAboveOnHand() {
        String code = "INV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = call(
                        Tokens.admin(),
                        UPSERT,
                        Map.of("input", Map.of("code", code, "name", "n", "type", "STORE", "countries", List.of("US"))))
                .getString("data.upsertLocation.id");
        call(Tokens.admin(), ADJUST, Map.of("loc", id, "sku", "INV-1", "delta", 2));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.sql.SQLException.class,
                () -> Db.execute(
                        "update inventory_levels set reserved = 3 where location_id = ?", UUID.fromString(id)));
        assertEquals("23514", refused.getSQLState());
    }
}

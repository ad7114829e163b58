package io.oms.inventory;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stock take of many SKUs at once: all rows or none, with the ledger, and backorders filled as by a receipt. */
@QuarkusTest
class InventoryImportApiTest {
    private static final String IMPORT = """
            mutation($loc: ID!, $levels: [InventoryLevelInput!]!, $key: String) {
              importInventory(locationId: $loc, levels: $levels, idempotencyKey: $key) { rows changed } }""";

    private static Map<String, Object> row(String sku, int onHand, int safetyStock) {
        return Map.of("sku", sku, "onHand", onHand, "safetyStock", safetyStock);
    }

    private static long onHand(String sku) {
        return Db.count("select coalesce(sum(on_hand), 0) from inventory_levels where sku = ?", sku);
    }

    @Test
    void anImportSetsEveryRowWithItsLedgerOrNoneNamingTheFailingRow() {
        String code = Stock.uniqueCode("IMP");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        String a = Stock.sku();
        String b = Stock.sku();
        String key = "import-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            JsonPath imported = call(
                    Tokens.warehouse(code),
                    IMPORT,
                    Map.of("loc", location, "levels", List.of(row(a, 7, 1), row(b, 3, 0)), "key", key));
            assertNull(errorCode(imported), imported::prettify);
            assertEquals(2, imported.getInt("data.importInventory.rows"));
            assertEquals(2, imported.getInt("data.importInventory.changed"));
        }
        assertEquals(7L, onHand(a));
        assertEquals(
                1L,
                Db.count("select count(*) from inventory_movements where sku = ? and on_hand_delta = 7", a),
                "one ledger row, however often the import was retried with its key");
        assertEquals(1L, Db.count("select safety_stock from inventory_levels where sku = ?", a));

        String c = Stock.sku();
        Stock.put(location, c, 2);
        String holding = Routing.paidOrder(null, c, 2);
        Routing.awaitRouted(holding, 15_000);
        JsonPath refused = call(
                Tokens.warehouse(code), IMPORT, Map.of("loc", location, "levels", List.of(row(a, 9, 0), row(c, 1, 0))));
        assertEquals("VALIDATION", errorCode(refused), refused::prettify);
        assertEquals("levels[1].onHand", refused.getString("errors[0].extensions.field"));
        assertEquals(7L, onHand(a), "nothing of a refused import is applied");

        JsonPath duplicate =
                call(Tokens.admin(), IMPORT, Map.of("loc", location, "levels", List.of(row(a, 1, 0), row(a, 2, 0))));
        assertEquals("levels[1].sku", duplicate.getString("errors[0].extensions.field"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            tooMany.add(row("TOO-MANY-" + i, 1, 0));
        }
        JsonPath tooLarge = call(Tokens.admin(), IMPORT, Map.of("loc", location, "levels", tooMany));
        assertEquals("VALIDATION", errorCode(tooLarge), tooLarge::prettify);
    }

    @Test
    void stockAnImportAddsFillsTheWaitingBackordersAsAReceiptDoes() {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("IMPF"), "WAREHOUSE", 10, 40.73, -74.17);
        String waiting = Routing.paidOrder(null, sku, 2);
        Routing.awaitRouted(waiting, 15_000);
        JsonPath imported = call(Tokens.admin(), IMPORT, Map.of("loc", location, "levels", List.of(row(sku, 5, 0))));
        assertNull(errorCode(imported), imported::prettify);
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count("select quantity_allocated from order_lines where order_id = ?", UUID.fromString(waiting)) < 2
                && System.currentTimeMillis() < deadline) {
            Routing.pause(50);
        }
        assertEquals(
                2L,
                Db.count("select quantity_allocated from order_lines where order_id = ?", UUID.fromString(waiting)));
        assertEquals(2L, Stock.reserved(sku));
    }
}

package io.oms.inventory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.support.GrowingTable;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routing's read of where an order's SKUs are available (every routing) goes through the SKUs however many
 * levels were added since the session first ran it, with the service's own session settings ({@link GrowingTable}).
 */
@QuarkusTest
class StockLevelsPlansTest {
    @Inject
    Lanes lanes;

    @Inject
    StockLevels levels;

    @Test
    void anOrdersSkusAreLookedUpThroughTheirIndex() {
        UUID location = UUID.fromString(Stock.location(Stock.uniqueCode("PLAN"), "WAREHOUSE", 1, null, null));
        String sku = Stock.sku();
        try (GrowingTable table =
                GrowingTable.copyOf(lanes, "inventory_levels", levels(location, "'" + sku + "'", 1))) {
            long scans = table.sequentialScansAfterGrowth(
                    tx -> levels.available(tx, "US", List.of(sku), false),
                    levels(location, "'SKU-PLAN-' || i", 50_000));
            assertEquals(0, scans, "a SKU's levels were found by reading all 50,001");
        }
    }

    private static String levels(UUID location, String sku, int count) {
        return """
                insert into inventory_levels (id, location_id, sku, on_hand, updated_at)
                select gen_random_uuid(), '%s', %s, 5, now() from generate_series(1, %d) i""".formatted(location, sku, count);
    }
}

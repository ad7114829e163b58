package io.oms.inventory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.Movement;
import io.oms.support.GrowingTable;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
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

    /** A routing's reservations (every routing): each level found through the index, however many were added. */
    @Test
    void reservationsFindTheirLevelsThroughTheIndex() {
        UUID location = UUID.fromString(Stock.location(Stock.uniqueCode("PLAN"), "WAREHOUSE", 1, null, null));
        String first = Stock.sku();
        String second = Stock.sku();
        try (GrowingTable table = GrowingTable.copyOf(
                lanes,
                "inventory_levels",
                levels(location, "'" + first + "'", 1),
                levels(location, "'" + second + "'", 1))) {
            long scans = table.sequentialScansAfterGrowth(
                    tx -> levels.changeAll(
                            tx,
                            List.of(LevelChange.reserve(location, first, 1), LevelChange.reserve(location, second, 1)),
                            new Movement("plan test", "tester", null, OffsetDateTime.now())),
                    levels(location, "'SKU-PLAN-' || i", 50_000));
            assertEquals(0, scans, "two levels were found by reading all 50,002");
        }
    }

    private static String levels(UUID location, String sku, int count) {
        return """
                insert into inventory_levels (id, location_id, sku, on_hand, updated_at)
                select gen_random_uuid(), '%s', %s, 5, now() from generate_series(1, %d) i""".formatted(location, sku, count);
    }
}

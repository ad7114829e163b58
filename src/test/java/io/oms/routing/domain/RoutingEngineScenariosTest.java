package io.oms.routing.domain;

import static io.oms.routing.domain.StockFixture.dropshipper;
import static io.oms.routing.domain.StockFixture.line;
import static io.oms.routing.domain.StockFixture.request;
import static io.oms.routing.domain.StockFixture.warehouse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.order.domain.SplitPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingEngineScenariosTest {
    private static final RoutingEngine ENGINE = new RoutingEngine(RoutingPolicy.DEFAULT);
    private static final Destination BOSTON = new Destination("US", 42.36, -71.06);

    @Test
    void oneWarehouseWithEverythingShipsEverythingInOneShipment() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 2), line("B", 1)),
                warehouse("EAST").at(40.7, -74.2).with("A", 5).with("B", 5),
                warehouse("WEST").at(39.5, -119.8).with("A", 5)));
        assertEquals(1, plan.splitCount());
        assertEquals("EAST", plan.shipments().get(0).location().code());
        assertEquals(3, plan.unitsShipped());
        assertTrue(
                plan.reasons().get(0).startsWith("EAST chosen"), plan.reasons().toString());
    }

    @Test
    void itemsOnlyInTwoPlacesBecomeTwoShipments() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 1), line("B", 1)),
                warehouse("EAST").with("A", 3),
                warehouse("WEST").with("B", 3)));
        assertEquals(2, plan.splitCount());
        assertEquals(0, plan.unitsBackordered());
    }

    @Test
    void theCloserLocationWinsATie() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 1)),
                warehouse("WEST").at(39.5, -119.8).with("A", 3).priority(1),
                warehouse("EAST").at(40.7, -74.2).with("A", 3).priority(5)));
        assertEquals("EAST", plan.shipments().get(0).location().code());
        assertTrue(
                plan.reasons().stream().anyMatch(r -> r.startsWith("WEST passed over")),
                plan.reasons().toString());
    }

    @Test
    void priorityThenCodeDecideWhenDistanceIsUnknown() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                new Destination("US", null, null),
                List.of(line("A", 1)),
                warehouse("B-WH").with("A", 3).priority(5),
                warehouse("C-WH").with("A", 3).priority(1),
                warehouse("A-WH").with("A", 3).priority(1)));
        assertEquals("A-WH", plan.shipments().get(0).location().code());
    }

    @Test
    void dropshipOnlyWhenOwnStockCannotServe() {
        RoutingPlan own = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 2)),
                dropshipper("DROP").at(42.0, -71.0).with("A", 10),
                warehouse("WEST").at(39.5, -119.8).with("A", 2)));
        assertEquals("WEST", own.shipments().get(0).location().code());
        RoutingPlan drop = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 3)),
                dropshipper("DROP").with("A", 10),
                warehouse("WEST").with("A", 2)));
        assertEquals(1, drop.splitCount(), "one dropship shipment beats two");
        assertEquals("DROP", drop.shipments().get(0).location().code());
    }

    @Test
    void nothingAnywhereIsBackordered() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 4)),
                warehouse("EAST").with("B", 3)));
        assertEquals(0, plan.splitCount());
        assertEquals(4, plan.unitsBackordered());
        assertTrue(
                plan.reasons().stream().anyMatch(r -> r.contains("backordered")),
                plan.reasons().toString());
    }

    @Test
    void aLineSplitsOnlyWhenNoSingleLocationCoversIt() {
        RoutingPlan plan = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 5)),
                warehouse("EAST").with("A", 3),
                warehouse("WEST").with("A", 4),
                warehouse("NORTH").with("A", 1)));
        assertEquals(2, plan.splitCount());
        assertEquals(5, plan.unitsShipped());
        assertEquals(
                4,
                plan.shipments().stream()
                        .filter(s -> s.location().code().equals("WEST"))
                        .findFirst()
                        .orElseThrow()
                        .units(),
                "the fullest location first");
    }

    @Test
    void shipCompleteAllocatesOnlyWhenOneLocationShipsEverything() {
        RoutingPlan none = ENGINE.plan(request(
                SplitPolicy.SHIP_COMPLETE,
                BOSTON,
                List.of(line("A", 1), line("B", 1)),
                warehouse("EAST").with("A", 3),
                warehouse("WEST").with("B", 3)));
        assertEquals(0, none.splitCount());
        assertEquals(2, none.unitsBackordered());
        RoutingPlan one = ENGINE.plan(request(
                SplitPolicy.SHIP_COMPLETE,
                BOSTON,
                List.of(line("A", 1), line("B", 1)),
                warehouse("EAST").with("A", 3),
                warehouse("WEST").with("B", 3).with("A", 1)));
        assertEquals(1, one.splitCount());
        assertEquals("WEST", one.shipments().get(0).location().code());
    }

    @Test
    void locationsThatEachHoldADifferentSkuAreAllUsedWithoutSearchingEverySmallerSet() {
        List<OpenLine> lines = new java.util.ArrayList<>();
        StockFixture[] locations = new StockFixture[16];
        for (int i = 0; i < 16; i++) {
            lines.add(line("S" + i, 1));
            locations[i] = warehouse("L" + i).with("S" + i, 1);
        }
        RoutingPlan plan = ENGINE.plan(request(SplitPolicy.SHIP_AVAILABLE, BOSTON, lines, locations));
        assertEquals(16, plan.splitCount());
        assertEquals(16, plan.unitsShipped());
    }

    @Test
    void theDeliveryEstimateGrowsWithDistanceAndForDropship() {
        RoutingPlan near = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 1)),
                warehouse("EAST").at(40.7, -74.2).with("A", 1)));
        RoutingPlan far = ENGINE.plan(request(
                SplitPolicy.SHIP_AVAILABLE,
                BOSTON,
                List.of(line("A", 1)),
                warehouse("WEST").at(39.5, -119.8).with("A", 1)));
        assertEquals(2, near.shipments().get(0).estimatedDays());
        assertTrue(
                far.shipments().get(0).estimatedDays() > near.shipments().get(0).estimatedDays());
    }
}

package io.oms.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.order.domain.SplitPolicy;
import io.oms.routing.domain.RoutingPlan.Allocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random instances (the seed is in each test's name: rerun one with it). Small
 * instances are compared with {@link BruteForce}; larger ones exercise the heuristic beyond the exact limit.
 */
class RoutingEnginePropertiesTest {
    private static final RoutingEngine ENGINE = new RoutingEngine(RoutingPolicy.DEFAULT);

    static Stream<Long> smallSeeds() {
        return IntStream.range(0, 400).mapToObj(i -> 1000L + i);
    }

    static Stream<Long> largeSeeds() {
        return IntStream.range(0, 25).mapToObj(i -> 90_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallSeeds")
    void neverAllocatesMoreThanAvailableAndAccountsForEveryUnit(long seed) {
        RoutingRequest request = StockFixture.random(new Random(seed), 1, 9, 6);
        RoutingPlan plan = ENGINE.plan(request);
        assertWithinStock(request, plan, seed);
        assertEveryUnitAccountedFor(request, plan, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallSeeds")
    void shipsTheMostUnitsWithNoMoreShipmentsThanBruteForce(long seed) {
        RoutingRequest request = StockFixture.random(new Random(seed), 1, 9, 6);
        RoutingPlan plan = ENGINE.plan(request);
        if (request.splitPolicy() == SplitPolicy.SHIP_COMPLETE) {
            boolean oneCanShipAll = request.candidates().stream()
                    .anyMatch(c -> BruteForce.demand(request).entrySet().stream()
                            .allMatch(e -> c.available(e.getKey()) >= e.getValue()));
            assertEquals(oneCanShipAll ? 1 : 0, plan.splitCount(), "seed " + seed);
            assertEquals(oneCanShipAll ? total(request) : 0, plan.unitsShipped(), "seed " + seed);
            return;
        }
        assertEquals(BruteForce.maxUnits(request), plan.unitsShipped(), "seed " + seed);
        assertEquals(BruteForce.fewestShipments(request), plan.splitCount(), "seed " + seed);
        long dropship =
                plan.shipments().stream().filter(s -> s.location().dropship()).count();
        if (plan.splitCount() > 0) {
            assertEquals(BruteForce.fewestDropshipAtOptimalSize(request), dropship, "seed " + seed);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallSeeds")
    void isDeterministicWhateverTheOrderOfItsInputs(long seed) {
        RoutingRequest request = StockFixture.random(new Random(seed), 1, 9, 6);
        List<Candidate> shuffled = new ArrayList<>(request.candidates());
        Collections.shuffle(shuffled, new Random(seed + 1));
        RoutingRequest same =
                new RoutingRequest(request.lines(), request.destination(), request.splitPolicy(), shuffled);
        assertEquals(ENGINE.plan(request), ENGINE.plan(request), "seed " + seed);
        assertEquals(ENGINE.plan(request), ENGINE.plan(same), "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("largeSeeds")
    void beyondTheExactLimitItStillShipsTheMostAndNeverUsesMoreLocationsThanAGreedyCover(long seed) {
        RoutingRequest generated = StockFixture.random(new Random(seed), 17, 40, 12);
        RoutingRequest request = new RoutingRequest(
                generated.lines(), generated.destination(), SplitPolicy.SHIP_AVAILABLE, generated.candidates());
        RoutingPlan plan = ENGINE.plan(request);
        assertWithinStock(request, plan, seed);
        assertEveryUnitAccountedFor(request, plan, seed);
        assertEquals(BruteForce.maxUnits(request), plan.unitsShipped(), "seed " + seed);
        assertTrue(plan.splitCount() <= greedyCoverSize(request), "seed " + seed);
    }

    private static void assertWithinStock(RoutingRequest request, RoutingPlan plan, long seed) {
        for (RoutingPlan.Shipment shipment : plan.shipments()) {
            Map<String, Integer> taken = new HashMap<>();
            shipment.allocations().forEach(a -> taken.merge(a.sku(), a.quantity(), Integer::sum));
            taken.forEach((sku, quantity) -> assertTrue(
                    quantity <= shipment.location().available(sku),
                    "seed " + seed + ": " + shipment.location().code() + " " + sku));
            assertTrue(shipment.allocations().stream().allMatch(a -> a.quantity() > 0), "seed " + seed);
        }
        long distinct = plan.shipments().stream()
                .map(s -> s.location().locationId())
                .distinct()
                .count();
        assertEquals(plan.shipments().size(), distinct, "one shipment per location, seed " + seed);
    }

    private static void assertEveryUnitAccountedFor(RoutingRequest request, RoutingPlan plan, long seed) {
        for (OpenLine line : request.lines()) {
            int allocated = plan.shipments().stream()
                    .flatMap(s -> s.allocations().stream())
                    .filter(a -> a.lineId().equals(line.lineId()))
                    .mapToInt(Allocation::quantity)
                    .sum();
            int backordered = plan.backordered().stream()
                    .filter(b -> b.lineId().equals(line.lineId()))
                    .mapToInt(RoutingPlan.Backordered::quantity)
                    .sum();
            assertEquals(line.quantity(), allocated + backordered, "seed " + seed + " line " + line);
        }
    }

    private static int total(RoutingRequest request) {
        return request.lines().stream().mapToInt(OpenLine::quantity).sum();
    }

    /** An independent greedy set cover: the baseline the heuristic must not be worse than. */
    private static int greedyCoverSize(RoutingRequest request) {
        Map<String, Integer> remaining = new HashMap<>(BruteForce.demand(request));
        List<UUID> used = new ArrayList<>();
        while (true) {
            Candidate best = null;
            int bestGain = 0;
            for (Candidate c : request.candidates()) {
                int gain = used.contains(c.locationId())
                        ? 0
                        : remaining.entrySet().stream()
                                .mapToInt(e -> Math.min(e.getValue(), Math.max(0, c.available(e.getKey()))))
                                .sum();
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
            }
            if (best == null) {
                return used.size();
            }
            used.add(best.locationId());
            Candidate chosen = best;
            remaining.replaceAll((sku, want) -> want - Math.min(want, Math.max(0, chosen.available(sku))));
        }
    }
}

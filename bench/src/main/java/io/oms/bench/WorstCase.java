package io.oms.bench;

import io.oms.order.domain.SplitPolicy;
import io.oms.routing.domain.Candidate;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingPolicy;
import io.oms.routing.domain.RoutingRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The exact search's worst case, which random instances rarely reach: n lines of n different SKUs and n
 * locations that each hold exactly one of them. The only plan is all n locations, and the search tries every
 * smaller subset first (2^n subsets in all). A rough wall-clock timing (median of a few plans after a short
 * warm-up), not a JMH measurement.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar io.oms.bench.WorstCase}.
 */
public final class WorstCase {
    private WorstCase() {
    }

    public static void main(String[] args) {
        RoutingPolicy byDefault = RoutingPolicy.DEFAULT;
        RoutingPolicy widest = new RoutingPolicy(20, byDefault.preferOwnStock(), byDefault.distanceToleranceKm(),
                byDefault.handlingDaysOwn(), byDefault.handlingDaysDropship(), byDefault.kmPerTransitDay(),
                byDefault.defaultTransitDays());
        System.out.println("| exactSearchLimit | Lines = locations | Median ms per plan | Shipments |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : new int[] {8, 12, 14, 16, 17}) {
            run(byDefault, n);
        }
        for (int n : new int[] {16, 18, 20}) {
            run(widest, n);
        }
    }

    private static void run(RoutingPolicy policy, int n) {
        RoutingEngine engine = new RoutingEngine(policy);
        RoutingRequest request = oneSkuPerLocation(n);
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        int warm = 0;
        while (warm < 3 || System.nanoTime() < warmUntil && warm < 500) {
            engine.plan(request);
            warm++;
        }
        long[] times = new long[5];
        RoutingPlan plan = null;
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            plan = engine.plan(request);
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %d |%n", policy.exactSearchLimit(), n,
                times[times.length / 2] / 1e6, plan.splitCount());
    }

    static RoutingRequest oneSkuPerLocation(int n) {
        List<OpenLine> lines = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(new OpenLine(new UUID(0, i + 1), "SKU-" + i, 1));
            candidates.add(new Candidate(new UUID(1, i + 1), String.format("WH-%02d", i), false, i % 10,
                    40.0 + i * 0.2, -90.0, Map.of("SKU-" + i, 5)));
        }
        return new RoutingRequest(lines, new Destination("US", 41.0, -89.0), SplitPolicy.SHIP_AVAILABLE, candidates);
    }
}

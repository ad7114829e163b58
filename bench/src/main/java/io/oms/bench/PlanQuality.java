package io.oms.bench;

import io.oms.routing.domain.Candidate;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingPolicy;
import io.oms.routing.domain.RoutingRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How good the engine's plans are, against a brute-force optimum and a naive baseline, on random instances
 * small enough to enumerate every subset of locations (2-12 candidates, 1-8 lines, SHIP_AVAILABLE).
 *
 * <p>The optimum is the fewest locations that together ship the maximum number of units. The baseline is
 * what a first implementation often does: take locations by priority (lowest number first, then code) and
 * fill each line from them in that order, splitting when one runs short; every location used is a shipment.
 *
 * <p>A second table checks the engine on the benchmark's own pools (up to 100 candidates, beyond the exact
 * search limit), where full enumeration is out of reach: it looks for any set of fewer locations than the
 * plan's that ships as many units.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar io.oms.bench.PlanQuality [instances] [seed]}.
 */
public final class PlanQuality {
    static final int DEFAULT_INSTANCES = 10_000;
    static final long DEFAULT_SEED = 20_240_601L;

    private PlanQuality() {
    }

    public static void main(String[] args) {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_INSTANCES;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        Random random = new Random(seed);
        RoutingEngine engine = new RoutingEngine(RoutingPolicy.DEFAULT);

        Tally engineTally = new Tally();
        Tally baselineTally = new Tally();
        Tally optimumTally = new Tally();
        Map<String, Tally[]> byBucket = new LinkedHashMap<>();
        for (String bucket : List.of("2-4", "5-8", "9-12")) {
            byBucket.put(bucket, new Tally[] {new Tally(), new Tally()});
        }
        int baselineWorse = 0;
        int baselineExtra = 0;
        long started = System.nanoTime();
        for (int n = 0; n < instances; n++) {
            int lineCount = 1 + random.nextInt(8);
            int locationCount = 2 + random.nextInt(11);
            RoutingRequest request = Instances.random(random, lineCount, locationCount);

            Optimum optimum = bruteForce(request);
            RoutingPlan plan = engine.plan(request);
            Result engineResult = new Result(plan.splitCount(), plan.unitsShipped());
            Result baselineResult = baseline(request);

            engineTally.add(engineResult, optimum);
            baselineTally.add(baselineResult, optimum);
            optimumTally.add(new Result(optimum.shipments, optimum.units), optimum);
            Tally[] bucket = byBucket.get(locationCount <= 4 ? "2-4" : locationCount <= 8 ? "5-8" : "9-12");
            bucket[0].add(engineResult, optimum);
            bucket[1].add(baselineResult, optimum);
            if (baselineResult.shipments > optimum.shipments) {
                baselineWorse++;
                baselineExtra += baselineResult.shipments - optimum.shipments;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "%,d random instances (seed %d): 2-12 candidate locations, 1-8 lines, "
                + "SHIP_AVAILABLE, RoutingPolicy.DEFAULT%n%n", instances, seed);
        System.out.println("| Planner | Shipment count = optimum | Ships the maximum units | Both | "
                + "Mean shipments per order |");
        System.out.println("|---|---:|---:|---:|---:|");
        engineTally.print("RoutingEngine");
        baselineTally.print("Greedy by priority (baseline)");
        optimumTally.print("Brute-force optimum (reference)");
        System.out.println();
        System.out.println("By number of candidate locations (share of plans with the optimal shipment count "
                + "and the maximum units):");
        System.out.println();
        System.out.println("| Candidates | Instances | RoutingEngine | Baseline | Baseline mean shipments | "
                + "Optimum mean shipments |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        byBucket.forEach((bucket, tallies) -> System.out.printf(Locale.ROOT,
                "| %s | %,d | %.2f%% | %.2f%% | %.3f | %.3f |%n", bucket, tallies[0].count,
                tallies[0].share(tallies[0].both), tallies[1].share(tallies[1].both),
                tallies[1].meanShipments(), (double) tallies[1].optimumShipments / tallies[1].count));
        System.out.println();
        System.out.printf(Locale.ROOT, "Baseline uses more shipments than necessary on %,d orders (%.2f%%), "
                + "%.2f extra shipments each on average.%n", baselineWorse, 100.0 * baselineWorse / instances,
                baselineWorse == 0 ? 0.0 : (double) baselineExtra / baselineWorse);
        System.out.printf(Locale.ROOT, "Elapsed %.1f s (brute force included).%n", seconds);

        beyondTheExactLimit(engine);
    }

    /**
     * The benchmark's own pools, where most instances have more candidates with stock than the exact-search
     * limit and the engine narrows its search heuristically. Full enumeration is out of reach at 100
     * candidates, but checking the engine's plan is not: search every set of fewer locations than the plan
     * uses (all candidates, increasing size) for one that ships the same maximum units.
     */
    static void beyondTheExactLimit(RoutingEngine engine) {
        int limit = RoutingPolicy.DEFAULT.exactSearchLimit();
        System.out.println();
        System.out.printf(Locale.ROOT, "The benchmark's pools (%d instances per shape, seed 0x%X): is there a smaller "
                + "set of locations than the engine's that ships as many units?%n%n", RoutingEngineBenchmark.POOL,
                RoutingEngineBenchmark.SEED);
        System.out.println("| Lines | Candidates | Over the exact limit (" + limit + ") | Ships the maximum units | "
                + "Engine above the optimum | Engine mean shipments | Optimum mean shipments |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int lines : new int[] {1, 5, 20}) {
            for (int locations : new int[] {5, 20, 100}) {
                int overLimit = 0;
                int maxUnits = 0;
                int smaller = 0;
                int unchecked = 0;
                long engineShipments = 0;
                long bestShipments = 0;
                RoutingRequest[] pool = Instances.pool(RoutingEngineBenchmark.SEED, lines, locations,
                        RoutingEngineBenchmark.POOL);
                for (RoutingRequest request : pool) {
                    Stock stock = Stock.of(request);
                    overLimit += stock.relevant() > limit ? 1 : 0;
                    RoutingPlan plan = engine.plan(request);
                    int target = stock.units(stock.all());
                    maxUnits += plan.unitsShipped() == target ? 1 : 0;
                    int best = plan.splitCount();
                    for (int size = 1; size < plan.splitCount(); size++) {
                        if (binomial(stock.stock().length, size) > 5_000_000L) {
                            unchecked++;
                            break;
                        }
                        if (stock.coverExists(target, size)) {
                            best = size;
                            break;
                        }
                    }
                    smaller += best < plan.splitCount() ? 1 : 0;
                    engineShipments += plan.splitCount();
                    bestShipments += best;
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d%s | %.3f | %.3f |%n", lines, locations,
                        overLimit, maxUnits, smaller, unchecked == 0 ? "" : " (" + unchecked + " not checked)",
                        (double) engineShipments / pool.length, (double) bestShipments / pool.length);
            }
        }
    }

    private static long binomial(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    /** A request's demand per distinct SKU and each candidate's usable stock of those SKUs. */
    record Stock(int[] demand, int[][] stock) {
        static Stock of(RoutingRequest request) {
            Map<String, Integer> bySku = new LinkedHashMap<>();
            request.lines().forEach(l -> bySku.merge(l.sku(), Math.max(0, l.quantity()), Integer::sum));
            List<String> skus = new ArrayList<>(bySku.keySet());
            List<Candidate> candidates = request.candidates();
            int[][] stock = new int[candidates.size()][skus.size()];
            for (int i = 0; i < candidates.size(); i++) {
                for (int j = 0; j < skus.size(); j++) {
                    stock[i][j] = Math.max(0, candidates.get(i).available(skus.get(j)));
                }
            }
            return new Stock(bySku.values().stream().mapToInt(Integer::intValue).toArray(), stock);
        }

        int[] all() {
            int[] all = new int[stock.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }

        /** Candidates holding any of the ordered SKUs. */
        int relevant() {
            int relevant = 0;
            for (int[] row : stock) {
                for (int j = 0; j < row.length; j++) {
                    if (row[j] > 0 && demand[j] > 0) {
                        relevant++;
                        break;
                    }
                }
            }
            return relevant;
        }

        int units(int[] chosen) {
            int units = 0;
            for (int j = 0; j < demand.length; j++) {
                int available = 0;
                for (int i : chosen) {
                    available += stock[i][j];
                }
                units += Math.min(demand[j], available);
            }
            return units;
        }

        boolean coverExists(int target, int size) {
            return coverExists(target, new int[size], 0, 0);
        }

        private boolean coverExists(int target, int[] chosen, int depth, int from) {
            if (depth == chosen.length) {
                return units(chosen) == target;
            }
            for (int i = from; i < stock.length; i++) {
                chosen[depth] = i;
                if (coverExists(target, chosen, depth + 1, i + 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Result(int shipments, int units) {
    }

    record Optimum(int shipments, int units) {
    }

    /** Every subset of the candidates: the maximum units, and the fewest locations that reach it. */
    static Optimum bruteForce(RoutingRequest request) {
        Map<String, Integer> demandBySku = new LinkedHashMap<>();
        request.lines().forEach(l -> demandBySku.merge(l.sku(), Math.max(0, l.quantity()), Integer::sum));
        List<String> skus = new ArrayList<>(demandBySku.keySet());
        int[] demand = demandBySku.values().stream().mapToInt(Integer::intValue).toArray();
        List<Candidate> candidates = request.candidates();
        int n = candidates.size();
        int[][] stock = new int[n][skus.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < skus.size(); j++) {
                stock[i][j] = Math.max(0, candidates.get(i).available(skus.get(j)));
            }
        }
        long all = (1L << n) - 1;
        int target = units(demand, stock, all);
        if (target == 0) {
            return new Optimum(0, 0);
        }
        int best = Integer.MAX_VALUE;
        for (long mask = 1; mask <= all; mask++) {
            if (Long.bitCount(mask) < best && units(demand, stock, mask) == target) {
                best = Long.bitCount(mask);
            }
        }
        return new Optimum(best, target);
    }

    private static int units(int[] demand, int[][] stock, long mask) {
        int units = 0;
        for (int j = 0; j < demand.length; j++) {
            int available = 0;
            for (int i = 0; i < stock.length; i++) {
                if ((mask & (1L << i)) != 0) {
                    available += stock[i][j];
                }
            }
            units += Math.min(demand[j], available);
        }
        return units;
    }

    /** Locations by priority then code; each line filled from them in that order, split when needed. */
    static Result baseline(RoutingRequest request) {
        List<Candidate> ordered = request.candidates().stream()
                .sorted(Comparator.comparingInt(Candidate::priority).thenComparing(Candidate::code))
                .toList();
        List<Map<String, Integer>> left = new ArrayList<>();
        ordered.forEach(c -> left.add(new LinkedHashMap<>(c.available())));
        boolean[] used = new boolean[ordered.size()];
        int units = 0;
        for (OpenLine line : request.lines()) {
            int need = line.quantity();
            for (int i = 0; i < ordered.size() && need > 0; i++) {
                int take = Math.min(need, Math.max(0, left.get(i).getOrDefault(line.sku(), 0)));
                if (take > 0) {
                    left.get(i).merge(line.sku(), -take, Integer::sum);
                    used[i] = true;
                    need -= take;
                    units += take;
                }
            }
        }
        int shipments = 0;
        for (boolean u : used) {
            shipments += u ? 1 : 0;
        }
        return new Result(shipments, units);
    }

    private static final class Tally {
        int count;
        int optimalCount;
        int maxUnits;
        int both;
        long shipments;
        long optimumShipments;

        void add(Result result, Optimum optimum) {
            count++;
            boolean optimalCountHit = result.shipments == optimum.shipments;
            boolean maxUnitsHit = result.units == optimum.units;
            optimalCount += optimalCountHit ? 1 : 0;
            maxUnits += maxUnitsHit ? 1 : 0;
            both += optimalCountHit && maxUnitsHit ? 1 : 0;
            shipments += result.shipments;
            optimumShipments += optimum.shipments;
        }

        double share(int hits) {
            return 100.0 * hits / count;
        }

        double meanShipments() {
            return (double) shipments / count;
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "| %s | %.2f%% | %.2f%% | %.2f%% | %.3f |%n", name, share(optimalCount),
                    share(maxUnits), share(both), meanShipments());
        }
    }
}

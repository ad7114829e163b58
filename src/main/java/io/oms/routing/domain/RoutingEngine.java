package io.oms.routing.domain;

import io.oms.order.domain.SplitPolicy;
import io.oms.routing.domain.RoutingPlan.Allocation;
import io.oms.routing.domain.RoutingPlan.Backordered;
import io.oms.routing.domain.RoutingPlan.Shipment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where an order ships from: a pure function from a stock snapshot to a plan. The objective, in
 * order (DESIGN.md): (1) most units shippable now, (2) fewest shipments, (3) own stock before dropship,
 * (4) least total distance, (5) location priority, then code.
 *
 * <p>Objective 1 is a sum over SKUs of {@code min(demand, available)}; the plan reaches it with the smallest
 * set of locations, found by searching location subsets in increasing size. With at most
 * {@link RoutingPolicy#exactSearchLimit()} candidates holding relevant stock the search is exhaustive, so the
 * plan is optimal. Beyond that, a greedy set cover (repeatedly take the location adding the most units) finds
 * a feasible set, and the exhaustive search runs over that set plus the candidates that could ship the most
 * on their own, up to the limit: never worse than the greedy cover, usually optimal.
 *
 * <p>Within the chosen locations a line goes to one location when one can cover it; it is split only when
 * none can, taking from the fullest location first so the split has as few parts as possible.
 */
public final class RoutingEngine {
    /** Half the earth's circumference: the distance assumed for a location without coordinates. */
    private static final double UNKNOWN_DISTANCE_KM = 20_037.5;
    /** Passed-over locations explained one by one in a plan's reasons; further ones are counted. */
    private static final int MAX_EXPLAINED_ALTERNATIVES = 10;

    private final RoutingPolicy policy;

    public RoutingEngine(RoutingPolicy policy) {
        this.policy = policy;
    }

    public RoutingPlan plan(RoutingRequest request) {
        return new Search(request).run();
    }

    /** The state of planning one request. */
    private final class Search {
        private final RoutingRequest request;
        private final List<OpenLine> lines;
        private final List<String> skus;
        private final int[] demand;
        private final List<Ranked> relevant = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        Search(RoutingRequest request) {
            this.request = request;
            this.lines =
                    request.lines().stream().filter(line -> line.quantity() > 0).toList();
            Map<String, Integer> bySku = new LinkedHashMap<>();
            lines.forEach(line -> bySku.merge(line.sku(), line.quantity(), Integer::sum));
            this.skus = List.copyOf(bySku.keySet());
            this.demand = bySku.values().stream().mapToInt(Integer::intValue).toArray();
        }

        RoutingPlan run() {
            List<Ranked> ranked = request.candidates().stream()
                    .map(c -> new Ranked(c, Distance.between(c, request.destination()), stockOf(c)))
                    .sorted(rankOrder())
                    .toList();
            for (Ranked candidate : ranked) {
                if (candidate.coverage(demand) > 0) {
                    relevant.add(candidate);
                }
            }
            if (request.candidates().isEmpty()) {
                reasons.add(
                        "no active location ships to " + request.destination().country());
            }
            List<Ranked> chosen = request.splitPolicy() == SplitPolicy.SHIP_COMPLETE ? shipComplete() : shipAvailable();
            return allocate(chosen);
        }

        private int[] stockOf(Candidate candidate) {
            int[] stock = new int[skus.size()];
            for (int j = 0; j < stock.length; j++) {
                stock[j] = Math.max(candidate.available(skus.get(j)), 0);
            }
            return stock;
        }

        private List<Ranked> shipComplete() {
            List<Ranked> complete = relevant.stream()
                    .filter(c -> c.coverage(demand) == total(demand))
                    .toList();
            for (Ranked candidate : relevant) {
                if (!complete.contains(candidate)) {
                    reasons.add(candidate.code() + " passed over: cannot ship every line on its own (SHIP_COMPLETE)");
                }
            }
            if (complete.isEmpty()) {
                if (total(demand) > 0) {
                    reasons.add("SHIP_COMPLETE: no single location can ship every line; everything waits");
                }
                return List.of();
            }
            Ranked best = complete.stream()
                    .min((a, b) -> compareSets(List.of(a), List.of(b)))
                    .orElseThrow();
            return List.of(best);
        }

        private List<Ranked> shipAvailable() {
            int target = units(relevant);
            if (target == 0) {
                return List.of();
            }
            List<Ranked> pool = relevant;
            if (relevant.size() > policy.exactSearchLimit()) {
                List<Ranked> greedy = greedyCover(target);
                if (greedy.size() > policy.exactSearchLimit()) {
                    reasons.add("heuristic: " + relevant.size() + " candidates and no cover within "
                            + policy.exactSearchLimit() + " locations; used a greedy cover");
                    return greedy;
                }
                pool = narrow(greedy, target);
                reasons.add("heuristic: " + relevant.size() + " candidates exceed the exact search limit of "
                        + policy.exactSearchLimit() + "; searched the " + pool.size() + " most useful");
            }
            return exactSearch(pool, target);
        }

        /** Smallest subsets first; among the subsets of the first size that ship {@code target}, the best. */
        private List<Ranked> exactSearch(List<Ranked> pool, int target) {
            int n = pool.size();
            for (int size = smallestPossibleSize(pool, target); size <= n; size++) {
                List<Ranked> best = null;
                for (long mask = (1L << size) - 1; mask < (1L << n); mask = nextCombination(mask)) {
                    if (units(pool, mask) == target) {
                        List<Ranked> set = members(pool, mask);
                        if (best == null || compareSets(set, best) < 0) {
                            best = set;
                        }
                    }
                }
                if (best != null) {
                    return best;
                }
            }
            throw new IllegalStateException("the whole pool ships the target, so some subset must");
        }

        /**
         * A set ships at most the sum of what its members could ship alone, so no set smaller than the
         * fewest best single coverages that reach the target can work: sizes below it are skipped. Without
         * this bound, orders where every location holds a different SKU search all 2^n subsets.
         */
        private int smallestPossibleSize(List<Ranked> pool, int target) {
            int[] coverages =
                    pool.stream().mapToInt(c -> c.coverage(demand)).sorted().toArray();
            int sum = 0;
            for (int k = 1; k <= coverages.length; k++) {
                sum += coverages[coverages.length - k];
                if (sum >= target) {
                    return k;
                }
            }
            return coverages.length;
        }

        private List<Ranked> greedyCover(int target) {
            int[] remaining = demand.clone();
            List<Ranked> chosen = new ArrayList<>();
            int covered = 0;
            while (covered < target) {
                Ranked best = null;
                int bestGain = 0;
                for (Ranked candidate : relevant) {
                    int gain = chosen.contains(candidate) ? 0 : candidate.coverage(remaining);
                    if (gain > bestGain) {
                        best = candidate;
                        bestGain = gain;
                    }
                }
                chosen.add(best);
                covered += bestGain;
                for (int j = 0; j < remaining.length; j++) {
                    remaining[j] -= Math.min(remaining[j], best.stock[j]);
                }
            }
            return chosen;
        }

        /**
         * The greedy cover, the best pair that ships everything if the cover needs more than two locations
         * (greedy misses pairs that complement each other), then the candidates that could ship the most
         * alone, in rank order.
         */
        private List<Ranked> narrow(List<Ranked> greedy, int target) {
            List<Ranked> pool = new ArrayList<>(greedy);
            if (greedy.size() > 2) {
                List<Ranked> pair = bestPair(target);
                if (pair != null) {
                    pair.stream().filter(c -> !pool.contains(c)).forEach(pool::add);
                }
            }
            relevant.stream()
                    .filter(c -> !pool.contains(c))
                    .sorted(Comparator.comparingInt((Ranked c) -> -c.coverage(demand))
                            .thenComparing(rankOrder()))
                    .limit(Math.max(policy.exactSearchLimit() - pool.size(), 0))
                    .forEach(pool::add);
            pool.sort(rankOrder());
            return pool;
        }

        private List<Ranked> bestPair(int target) {
            List<Ranked> best = null;
            for (int i = 0; i < relevant.size(); i++) {
                for (int j = i + 1; j < relevant.size(); j++) {
                    List<Ranked> pair = List.of(relevant.get(i), relevant.get(j));
                    if (units(pair) == target && (best == null || compareSets(pair, best) < 0)) {
                        best = pair;
                    }
                }
            }
            return best;
        }

        private RoutingPlan allocate(List<Ranked> chosen) {
            Map<Ranked, int[]> left = new HashMap<>();
            chosen.forEach(c -> left.put(c, c.stock.clone()));
            Map<Ranked, List<Allocation>> byLocation = new LinkedHashMap<>();
            chosen.forEach(c -> byLocation.put(c, new ArrayList<>()));
            List<Backordered> backordered = new ArrayList<>();
            for (OpenLine line : lines) {
                int j = skus.indexOf(line.sku());
                int need = line.quantity();
                Ranked single = chosen.stream()
                        .filter(c -> left.get(c)[j] >= line.quantity())
                        .findFirst()
                        .orElse(null);
                List<Ranked> sources = single != null
                        ? List.of(single)
                        : chosen.stream()
                                .sorted(Comparator.comparingInt((Ranked c) -> -left.get(c)[j])
                                        .thenComparing(rankOrder()))
                                .toList();
                for (Ranked source : sources) {
                    int take = Math.min(need, left.get(source)[j]);
                    if (take > 0) {
                        left.get(source)[j] -= take;
                        byLocation.get(source).add(new Allocation(line.lineId(), line.sku(), take));
                        need -= take;
                    }
                }
                if (need > 0) {
                    backordered.add(new Backordered(line.lineId(), line.sku(), need));
                    reasons.add(line.sku() + " x" + need + " backordered: not enough available stock at locations"
                            + " shipping to " + request.destination().country());
                }
            }
            List<Shipment> shipments = new ArrayList<>();
            byLocation.forEach((location, allocations) -> {
                if (!allocations.isEmpty()) {
                    shipments.add(new Shipment(
                            location.candidate, List.copyOf(allocations), location.distance, estimatedDays(location)));
                }
            });
            explain(chosen, shipments);
            return new RoutingPlan(List.copyOf(shipments), List.copyOf(backordered), List.copyOf(reasons));
        }

        private void explain(List<Ranked> chosen, List<Shipment> shipments) {
            List<String> explained = new ArrayList<>();
            for (Shipment shipment : shipments) {
                explained.add(shipment.location().code() + " chosen: ships " + shipment.units() + " unit(s) of "
                        + shipment.allocations().size() + " line(s)" + km(shipment.distanceKm()));
            }
            boolean ownChosen = chosen.stream().anyMatch(c -> !c.candidate.dropship());
            int passedOver = 0;
            for (Ranked candidate : relevant) {
                if (chosen.contains(candidate)
                        || request.splitPolicy() == SplitPolicy.SHIP_COMPLETE
                                && candidate.coverage(demand) < total(demand)) {
                    continue;
                }
                // The audit trail keeps the closest alternatives; the rest are only counted.
                if (++passedOver > MAX_EXPLAINED_ALTERNATIVES) {
                    continue;
                }
                String why = policy.preferOwnStock() && candidate.candidate.dropship() && ownChosen
                        ? "own stock is preferred over a dropship supplier"
                        : "the chosen location(s) ship as many units in " + shipments.size()
                                + " shipment(s) and rank higher (own stock, distance, priority)";
                explained.add(candidate.code() + " passed over: " + why + km(candidate.distance));
            }
            if (passedOver > MAX_EXPLAINED_ALTERNATIVES) {
                explained.add((passedOver - MAX_EXPLAINED_ALTERNATIVES) + " more location(s) with stock passed over");
            }
            reasons.addAll(0, explained);
        }

        private int estimatedDays(Ranked location) {
            int handling = location.candidate.dropship() ? policy.handlingDaysDropship() : policy.handlingDaysOwn();
            int transit = location.distance == null
                    ? policy.defaultTransitDays()
                    : Math.max(1, (int) Math.ceil(location.distance / policy.kmPerTransitDay()));
            return handling + transit;
        }

        private int units(List<Ranked> pool, long mask) {
            int units = 0;
            for (int j = 0; j < demand.length; j++) {
                int available = 0;
                for (int i = 0; i < pool.size() && available < demand[j]; i++) {
                    if ((mask & (1L << i)) != 0) {
                        available += pool.get(i).stock[j];
                    }
                }
                units += Math.min(demand[j], available);
            }
            return units;
        }

        private int units(List<Ranked> set) {
            int units = 0;
            for (int j = 0; j < demand.length; j++) {
                int available = 0;
                for (Ranked candidate : set) {
                    available += candidate.stock[j];
                }
                units += Math.min(demand[j], available);
            }
            return units;
        }

        /** Objectives 3-5 for two sets of equal size that ship equally many units. */
        private int compareSets(List<Ranked> a, List<Ranked> b) {
            if (policy.preferOwnStock()) {
                int dropship = Long.compare(
                        a.stream().filter(c -> c.candidate.dropship()).count(),
                        b.stream().filter(c -> c.candidate.dropship()).count());
                if (dropship != 0) {
                    return dropship;
                }
            }
            if (request.destination().hasCoordinates()) {
                int distance = Long.compare(distanceBand(totalDistance(a)), distanceBand(totalDistance(b)));
                if (distance != 0) {
                    return distance;
                }
            }
            List<Ranked> sortedA = a.stream().sorted(byPriorityThenCode()).toList();
            List<Ranked> sortedB = b.stream().sorted(byPriorityThenCode()).toList();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int byRank = byPriorityThenCode().compare(sortedA.get(i), sortedB.get(i));
                if (byRank != 0) {
                    return byRank;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        private double totalDistance(List<Ranked> set) {
            return set.stream()
                    .mapToDouble(c -> c.distance == null ? UNKNOWN_DISTANCE_KM : c.distance)
                    .sum();
        }

        private long distanceBand(double km) {
            return (long) Math.floor(km / policy.distanceToleranceKm());
        }

        /** The order in which single locations are preferred: objectives 3, 4, 5. */
        private Comparator<Ranked> rankOrder() {
            Comparator<Ranked> order =
                    Comparator.comparing((Ranked c) -> policy.preferOwnStock() && c.candidate.dropship());
            if (request.destination().hasCoordinates()) {
                order = order.thenComparingLong(
                        c -> distanceBand(c.distance == null ? UNKNOWN_DISTANCE_KM : c.distance));
            }
            return order.thenComparing(byPriorityThenCode());
        }

        private static Comparator<Ranked> byPriorityThenCode() {
            return Comparator.comparingInt((Ranked c) -> c.candidate.priority()).thenComparing(Ranked::code);
        }
    }

    /** A candidate with its distance and its stock of the order's SKUs (indexed like the demand). */
    private record Ranked(Candidate candidate, Double distance, int[] stock) {
        String code() {
            return candidate.code();
        }

        int coverage(int[] wanted) {
            int units = 0;
            for (int j = 0; j < wanted.length; j++) {
                units += Math.min(wanted[j], stock[j]);
            }
            return units;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ranked r && r.candidate.locationId().equals(candidate.locationId());
        }

        @Override
        public int hashCode() {
            return candidate.locationId().hashCode();
        }
    }

    private static int total(int[] values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }

    /** Gosper's hack: the next larger number with the same count of one bits. */
    private static long nextCombination(long mask) {
        long lowest = mask & -mask;
        long ripple = mask + lowest;
        return (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }

    private static List<Ranked> members(List<Ranked> pool, long mask) {
        List<Ranked> set = new ArrayList<>(Long.bitCount(mask));
        for (int i = 0; i < pool.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                set.add(pool.get(i));
            }
        }
        return set;
    }

    private static String km(Double distance) {
        return distance == null ? "" : ", " + Math.round(distance) + " km away";
    }
}

package io.oms.routing.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reference the engine is checked against: every subset of locations, no cleverness. */
final class BruteForce {
    private BruteForce() {}

    static Map<String, Integer> demand(RoutingRequest request) {
        Map<String, Integer> demand = new HashMap<>();
        request.lines().forEach(l -> demand.merge(l.sku(), l.quantity(), Integer::sum));
        return demand;
    }

    static int units(RoutingRequest request, long mask) {
        List<Candidate> candidates = request.candidates();
        int units = 0;
        for (var entry : demand(request).entrySet()) {
            int available = 0;
            for (int i = 0; i < candidates.size(); i++) {
                if ((mask & (1L << i)) != 0) {
                    available += Math.max(0, candidates.get(i).available(entry.getKey()));
                }
            }
            units += Math.min(entry.getValue(), available);
        }
        return units;
    }

    static int maxUnits(RoutingRequest request) {
        return units(request, (1L << request.candidates().size()) - 1);
    }

    /** Fewest locations that ship the maximum, or 0 when nothing can ship. */
    static int fewestShipments(RoutingRequest request) {
        int target = maxUnits(request);
        if (target == 0) {
            return 0;
        }
        int best = Integer.MAX_VALUE;
        for (long mask = 1; mask < (1L << request.candidates().size()); mask++) {
            if (Long.bitCount(mask) < best && units(request, mask) == target) {
                best = Long.bitCount(mask);
            }
        }
        return best;
    }

    /** Among the optimal-size sets, the fewest dropship suppliers used. */
    static int fewestDropshipAtOptimalSize(RoutingRequest request) {
        int size = fewestShipments(request);
        int target = maxUnits(request);
        int best = Integer.MAX_VALUE;
        for (long mask = 1; mask < (1L << request.candidates().size()); mask++) {
            if (Long.bitCount(mask) == size && units(request, mask) == target) {
                int dropship = 0;
                for (int i = 0; i < request.candidates().size(); i++) {
                    if ((mask & (1L << i)) != 0 && request.candidates().get(i).dropship()) {
                        dropship++;
                    }
                }
                best = Math.min(best, dropship);
            }
        }
        return best;
    }
}

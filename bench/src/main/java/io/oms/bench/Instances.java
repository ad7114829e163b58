package io.oms.bench;

import io.oms.order.domain.SplitPolicy;
import io.oms.routing.domain.Candidate;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Realistic random routing inputs, reproducible from a {@link Random} seed.
 *
 * <ul>
 *   <li>SKUs come from a catalog of {@value #CATALOG} with Zipf-skewed popularity (exponent 1), distinct within
 *       an order; quantities are mostly 1 (70%), sometimes 2 (20%), rarely 3-6 (10%).</li>
 *   <li>About 15% of locations are dropship suppliers. A warehouse stocks a SKU with a probability from ~90%
 *       (best sellers) down to ~35% (long tail); a supplier lists ~25% of SKUs, but deeply. A listed SKU is
 *       out of stock (an explicit 0) one time in five; otherwise warehouses hold 1-60 (geometric, mean ~6),
 *       suppliers 5-105.</li>
 *   <li>Locations sit around North American metros (jitter ~0.5 degrees); the destination around a random
 *       metro (jitter ~1.5 degrees). Everything has coordinates. Priorities are 0-9.</li>
 * </ul>
 */
final class Instances {
    static final int CATALOG = 1000;
    static final double DROPSHIP_SHARE = 0.15;

    /** Latitude, longitude of North American metros. */
    private static final double[][] METROS = {
        {40.71, -74.01}, {34.05, -118.24}, {41.88, -87.63}, {29.76, -95.37}, {33.45, -112.07},
        {39.95, -75.17}, {32.78, -96.80}, {37.34, -121.89}, {30.27, -97.74}, {39.74, -104.99},
        {47.61, -122.33}, {42.36, -71.06}, {25.76, -80.19}, {33.75, -84.39}, {44.98, -93.27},
        {36.17, -115.14}, {38.63, -90.20}, {35.23, -80.84}, {39.10, -94.58}, {45.52, -122.68},
        {40.76, -111.89}, {36.16, -86.78}, {43.65, -79.38}, {45.50, -73.57}, {49.28, -123.12},
        {51.05, -114.07}, {19.43, -99.13}, {25.69, -100.32}, {20.67, -103.35}, {35.15, -90.05},
    };

    private static final double[] ZIPF_CDF = new double[CATALOG];

    static {
        double sum = 0;
        for (int rank = 0; rank < CATALOG; rank++) {
            sum += 1.0 / (rank + 1);
            ZIPF_CDF[rank] = sum;
        }
        for (int rank = 0; rank < CATALOG; rank++) {
            ZIPF_CDF[rank] /= sum;
        }
    }

    private Instances() {
    }

    /** One SHIP_AVAILABLE request with exactly {@code lineCount} lines and {@code locationCount} candidates. */
    static RoutingRequest random(Random random, int lineCount, int locationCount) {
        List<OpenLine> lines = new ArrayList<>(lineCount);
        List<Integer> ranks = new ArrayList<>(lineCount);
        Set<Integer> seen = new HashSet<>();
        while (lines.size() < lineCount) {
            int rank = skewedRank(random);
            if (seen.add(rank)) {
                ranks.add(rank);
                lines.add(new OpenLine(new UUID(0, lines.size() + 1), sku(rank), quantity(random)));
            }
        }
        List<Candidate> candidates = new ArrayList<>(locationCount);
        for (int i = 0; i < locationCount; i++) {
            boolean dropship = random.nextDouble() < DROPSHIP_SHARE;
            Map<String, Integer> stock = new HashMap<>();
            for (int rank : ranks) {
                double carries = dropship ? 0.25 : 0.3 + 0.6 / (1 + rank / 100.0);
                if (random.nextDouble() < carries) {
                    int quantity = random.nextInt(5) == 0 ? 0
                            : dropship ? 5 + random.nextInt(101) : Math.min(60, 1 + geometric(random, 1.0 / 6));
                    stock.put(sku(rank), quantity);
                }
            }
            double[] metro = METROS[random.nextInt(METROS.length)];
            candidates.add(new Candidate(new UUID(1, i + 1), String.format("%s-%03d", dropship ? "DS" : "WH", i),
                    dropship, random.nextInt(10), metro[0] + random.nextGaussian() * 0.5,
                    metro[1] + random.nextGaussian() * 0.5, stock));
        }
        double[] metro = METROS[random.nextInt(METROS.length)];
        Destination destination = new Destination("US", metro[0] + random.nextGaussian() * 1.5,
                metro[1] + random.nextGaussian() * 1.5);
        return new RoutingRequest(lines, destination, SplitPolicy.SHIP_AVAILABLE, candidates);
    }

    /** {@code size} instances of one shape, from one seed: the benchmark's pool for that shape. */
    static RoutingRequest[] pool(long seed, int lineCount, int locationCount, int size) {
        Random random = new Random(seed + 1_000L * lineCount + locationCount);
        RoutingRequest[] pool = new RoutingRequest[size];
        for (int i = 0; i < size; i++) {
            pool[i] = random(random, lineCount, locationCount);
        }
        return pool;
    }

    static String sku(int rank) {
        return String.format("SKU-%04d", rank);
    }

    private static int skewedRank(Random random) {
        double u = random.nextDouble();
        int low = 0;
        int high = CATALOG - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ZIPF_CDF[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static int quantity(Random random) {
        double u = random.nextDouble();
        return u < 0.7 ? 1 : u < 0.9 ? 2 : 3 + random.nextInt(4);
    }

    /** Failures before the first success, each trial succeeding with probability {@code p}. */
    private static int geometric(Random random, double p) {
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }
}

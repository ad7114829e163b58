package io.oms.routing.domain;

import io.oms.order.domain.SplitPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Builds routing inputs: {@code warehouse("EAST").at(40, -74).with("SKU-1", 5)}. */
final class StockFixture {
    private final String code;
    private boolean dropship;
    private int priority = 10;
    private Double latitude;
    private Double longitude;
    private final Map<String, Integer> stock = new HashMap<>();

    private StockFixture(String code) {
        this.code = code;
    }

    static StockFixture warehouse(String code) {
        return new StockFixture(code);
    }

    static StockFixture dropshipper(String code) {
        StockFixture fixture = new StockFixture(code);
        fixture.dropship = true;
        return fixture;
    }

    StockFixture with(String sku, int quantity) {
        stock.put(sku, quantity);
        return this;
    }

    StockFixture at(double lat, double lon) {
        latitude = lat;
        longitude = lon;
        return this;
    }

    StockFixture priority(int value) {
        priority = value;
        return this;
    }

    Candidate candidate() {
        return new Candidate(
                UUID.nameUUIDFromBytes(code.getBytes()), code, dropship, priority, latitude, longitude, stock);
    }

    static OpenLine line(String sku, int quantity) {
        return new OpenLine(UUID.randomUUID(), sku, quantity);
    }

    static RoutingRequest request(
            SplitPolicy policy, Destination destination, List<OpenLine> lines, StockFixture... locations) {
        List<Candidate> candidates = new ArrayList<>();
        for (StockFixture location : locations) {
            candidates.add(location.candidate());
        }
        return new RoutingRequest(lines, destination, policy, candidates);
    }

    /** A random instance: up to {@code maxLocations} locations, a few SKUs, small quantities. */
    static RoutingRequest random(Random random, int minLocations, int maxLocations, int maxLines) {
        int skuCount = 1 + random.nextInt(4);
        List<OpenLine> lines = new ArrayList<>();
        int lineCount = 1 + random.nextInt(maxLines);
        for (int i = 0; i < lineCount; i++) {
            lines.add(new OpenLine(new UUID(0, i + 1), "S" + random.nextInt(skuCount), 1 + random.nextInt(6)));
        }
        int locationCount = minLocations + random.nextInt(maxLocations - minLocations + 1);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < locationCount; i++) {
            Map<String, Integer> stock = new HashMap<>();
            for (int s = 0; s < skuCount; s++) {
                if (random.nextInt(3) > 0) {
                    stock.put("S" + s, random.nextInt(7));
                }
            }
            boolean coords = random.nextInt(5) > 0;
            candidates.add(new Candidate(
                    new UUID(1, i + 1),
                    String.format("L%02d", i),
                    random.nextInt(4) == 0,
                    random.nextInt(3),
                    coords ? -60 + random.nextDouble() * 120 : null,
                    coords ? -170 + random.nextDouble() * 340 : null,
                    stock));
        }
        Destination destination = random.nextBoolean()
                ? new Destination("US", -60 + random.nextDouble() * 120, -170 + random.nextDouble() * 340)
                : new Destination("US", null, null);
        return new RoutingRequest(
                lines,
                destination,
                random.nextInt(5) == 0 ? SplitPolicy.SHIP_COMPLETE : SplitPolicy.SHIP_AVAILABLE,
                candidates);
    }
}

package io.oms.routing.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What to ship from where, what waits, and why. */
public record RoutingPlan(List<Shipment> shipments, List<Backordered> backordered, List<String> reasons) {

    public record Allocation(UUID lineId, String sku, int quantity) {}

    /** One fulfillment order: a location and what it ships, with a delivery estimate in days. */
    public record Shipment(Candidate location, List<Allocation> allocations, Double distanceKm, int estimatedDays) {

        public int units() {
            return allocations.stream().mapToInt(Allocation::quantity).sum();
        }
    }

    public record Backordered(UUID lineId, String sku, int quantity) {}

    /** A stock level: one SKU at one location. */
    public record StockKey(UUID locationId, String sku) {}

    /**
     * The plan without the allocations at {@code lost} levels (another order reserved that stock first and
     * no more re-planning is allowed): those quantities are backordered instead.
     */
    public RoutingPlan without(Set<StockKey> lost) {
        if (lost.isEmpty()) {
            return this;
        }
        List<Shipment> kept = new ArrayList<>();
        Map<UUID, Backordered> waiting = new LinkedHashMap<>();
        backordered.forEach(b -> waiting.put(b.lineId(), b));
        List<String> why = new ArrayList<>(reasons);
        for (Shipment shipment : shipments) {
            List<Allocation> remaining = new ArrayList<>();
            for (Allocation allocation : shipment.allocations()) {
                if (lost.contains(new StockKey(shipment.location().locationId(), allocation.sku()))) {
                    waiting.merge(
                            allocation.lineId(),
                            new Backordered(allocation.lineId(), allocation.sku(), allocation.quantity()),
                            (a, b) -> new Backordered(a.lineId(), a.sku(), a.quantity() + b.quantity()));
                    why.add(allocation.sku() + " x" + allocation.quantity() + " backordered: the stock at "
                            + shipment.location().code() + " was taken by another order");
                } else {
                    remaining.add(allocation);
                }
            }
            if (!remaining.isEmpty()) {
                kept.add(new Shipment(
                        shipment.location(), List.copyOf(remaining), shipment.distanceKm(), shipment.estimatedDays()));
            }
        }
        return new RoutingPlan(List.copyOf(kept), List.copyOf(waiting.values()), List.copyOf(why));
    }

    /** What each shipment reserves, one entry per stock level. */
    public Map<StockKey, Integer> reservations() {
        Map<StockKey, Integer> needs = new LinkedHashMap<>();
        for (Shipment shipment : shipments) {
            for (Allocation allocation : shipment.allocations()) {
                needs.merge(
                        new StockKey(shipment.location().locationId(), allocation.sku()),
                        allocation.quantity(),
                        Integer::sum);
            }
        }
        return needs;
    }

    public int splitCount() {
        return shipments.size();
    }

    public int unitsShipped() {
        return shipments.stream().mapToInt(Shipment::units).sum();
    }

    public int unitsBackordered() {
        return backordered.stream().mapToInt(Backordered::quantity).sum();
    }
}

package io.oms.routing.domain;

import java.util.List;
import java.util.UUID;

/** What to ship from where, what waits, and why. */
public record RoutingPlan(List<Shipment> shipments, List<Backordered> backordered, List<String> reasons) {

    public record Allocation(UUID lineId, String sku, int quantity) {
    }

    /** One fulfillment order: a location and what it ships, with a delivery estimate in days. */
    public record Shipment(Candidate location, List<Allocation> allocations, Double distanceKm,
            int estimatedDays) {

        public int units() {
            return allocations.stream().mapToInt(Allocation::quantity).sum();
        }
    }

    public record Backordered(UUID lineId, String sku, int quantity) {
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

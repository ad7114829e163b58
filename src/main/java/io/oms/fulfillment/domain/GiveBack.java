package io.oms.fulfillment.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which open shipments give units back when an order line is cancelled: those not yet started (OPEN) before
 * those being picked, and among them the newest first, so the shipment that has waited longest keeps its units.
 * A shipment left with nothing is cancelled.
 */
public final class GiveBack {
    private GiveBack() {}

    /** {@code take} units of a line leave a shipment, {@code remaining} stay in it. */
    public record Shrink(
            UUID fulfillmentOrderId,
            UUID orderId,
            UUID locationId,
            UUID orderLineId,
            String sku,
            int take,
            int remaining) {}

    /** The shrinks, and the shipments that are left empty (to be cancelled). */
    public record Plan(List<Shrink> shrinks, List<UUID> emptied) {}

    /**
     * @param open       the order's shipments that may give back (OPEN, and PICKING when allowed), with lines
     * @param byLine     units to take back per order line
     */
    public static Plan plan(List<Shipment> open, Map<UUID, Integer> byLine) {
        List<Shipment> order = open.stream()
                .sorted(Comparator.comparing(Shipment::status)
                        .thenComparing(Shipment::createdAt, Comparator.reverseOrder()))
                .toList();
        Map<UUID, Map<UUID, Integer>> left = new HashMap<>();
        order.forEach(s -> {
            Map<UUID, Integer> lines = new HashMap<>();
            s.lines().forEach(l -> lines.merge(l.orderLineId(), l.quantity(), Integer::sum));
            left.put(s.id(), lines);
        });
        List<Shrink> shrinks = new ArrayList<>();
        byLine.forEach((lineId, quantity) -> {
            int wanted = quantity;
            for (Shipment shipment : order) {
                if (wanted == 0) {
                    break;
                }
                Map<UUID, Integer> lines = left.get(shipment.id());
                int held = lines.getOrDefault(lineId, 0);
                if (held == 0) {
                    continue;
                }
                int take = Math.min(wanted, held);
                wanted -= take;
                lines.put(lineId, held - take);
                String sku = shipment.lines().stream()
                        .filter(l -> l.orderLineId().equals(lineId))
                        .findFirst()
                        .orElseThrow()
                        .sku();
                shrinks.add(new Shrink(
                        shipment.id(), shipment.orderId(), shipment.locationId(), lineId, sku, take, held - take));
            }
            if (wanted > 0) {
                throw new IllegalStateException("open shipments hold " + (quantity - wanted) + " units of line "
                        + lineId + ", not " + quantity);
            }
        });
        List<UUID> emptied = order.stream()
                .filter(s ->
                        shrinks.stream().anyMatch(x -> x.fulfillmentOrderId().equals(s.id())))
                .filter(s -> left.get(s.id()).values().stream().allMatch(q -> q == 0))
                .map(Shipment::id)
                .toList();
        return new Plan(List.copyOf(shrinks), emptied);
    }

    /**
     * Which shipments at a location give back {@code units} of a SKU whose stock shrank (damage, loss): only those
     * not yet started (OPEN), the newest first, so the orders that waited longest keep their units. Null when the
     * OPEN shipments hold fewer units than that: what is being picked or later is not taken back.
     */
    public static Plan forShortfall(List<Shipment> openAtLocation, String sku, int units) {
        List<Shipment> newestFirst = openAtLocation.stream()
                .filter(s -> s.status() == FulfillmentOrderStatus.OPEN)
                .sorted(Comparator.comparing(Shipment::createdAt, Comparator.reverseOrder())
                        .thenComparing(Shipment::id))
                .toList();
        List<Shrink> shrinks = new ArrayList<>();
        List<UUID> emptied = new ArrayList<>();
        int left = units;
        for (Shipment shipment : newestFirst) {
            if (left == 0) {
                break;
            }
            int remainingInShipment =
                    shipment.lines().stream().mapToInt(Shipment.Line::quantity).sum();
            for (Shipment.Line line : shipment.lines()) {
                if (left == 0 || !line.sku().equals(sku)) {
                    continue;
                }
                int take = Math.min(left, line.quantity());
                left -= take;
                remainingInShipment -= take;
                shrinks.add(new Shrink(
                        shipment.id(),
                        shipment.orderId(),
                        shipment.locationId(),
                        line.orderLineId(),
                        sku,
                        take,
                        line.quantity() - take));
            }
            if (remainingInShipment == 0) {
                emptied.add(shipment.id());
            }
        }
        return left > 0 ? null : new Plan(List.copyOf(shrinks), List.copyOf(emptied));
    }
}

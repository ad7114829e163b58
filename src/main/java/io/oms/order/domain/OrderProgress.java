package io.oms.order.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The order follows its shipments: first shipment shipped -> PARTIALLY_FULFILLED, all non-cancelled
 * quantity shipped -> FULFILLED, every shipment delivered -> DELIVERED, everything cancelled -> CANCELLED.
 * Returns the statuses to pass through, each an allowed transition, so each can be audited.
 */
public final class OrderProgress {
    private OrderProgress() {}

    /**
     * @param current          the order's status now
     * @param lines            its lines
     * @param allShippedDelivered true when every fulfillment order that shipped has been delivered
     */
    public static List<OrderStatus> path(OrderStatus current, List<LineQuantities> lines, boolean allShippedDelivered) {
        OrderStatus target = target(current, lines, allShippedDelivered);
        List<OrderStatus> path = new ArrayList<>();
        OrderStatus at = current;
        while (at != target) {
            OrderStatus next = step(at, target);
            if (next == null) {
                break;
            }
            path.add(next);
            at = next;
        }
        return path;
    }

    private static OrderStatus target(OrderStatus current, List<LineQuantities> lines, boolean allShippedDelivered) {
        int active = lines.stream().mapToInt(LineQuantities::active).sum();
        int shipped = lines.stream().mapToInt(LineQuantities::shipped).sum();
        if (active == 0) {
            return OrderStatus.CANCELLED;
        }
        if (shipped == 0) {
            return current;
        }
        if (shipped < active) {
            return OrderStatus.PARTIALLY_FULFILLED;
        }
        return allShippedDelivered ? OrderStatus.DELIVERED : OrderStatus.FULFILLED;
    }

    /** One allowed step towards the target along the lifecycle, or null when the table offers none. */
    private static OrderStatus step(OrderStatus at, OrderStatus target) {
        if (at.canMoveTo(target)) {
            return target;
        }
        // The only multi-step progressions: towards DELIVERED through FULFILLED.
        if (target == OrderStatus.DELIVERED && at.canMoveTo(OrderStatus.FULFILLED)) {
            return OrderStatus.FULFILLED;
        }
        return null;
    }
}

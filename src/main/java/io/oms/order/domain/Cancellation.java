package io.oms.order.domain;

import io.oms.kernel.InsufficientQuantityException;
import io.oms.kernel.Money;
import io.oms.kernel.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides how much of each line a cancellation takes from where, before anything is written: first
 * quantity not routed yet, then backordered quantity, then quantity in fulfillment orders not yet picked.
 * Asking for more than that is INSUFFICIENT_QUANTITY for the whole request. The refund is the unit price
 * times the cancelled quantity, rounded to the currency; there are no order-level charges to share out yet.
 */
public final class Cancellation {
    private Cancellation() {}

    /** What one line gives up: from the unrouted part, from backorders, from fulfillment orders. */
    public record LineTake(UUID orderLineId, int unrouted, int backordered, int allocated, BigDecimal refund) {
        public int total() {
            return unrouted + backordered + allocated;
        }
    }

    /** A line as the cancellation sees it: its progress, price, and what open fulfillment orders may give. */
    public record LineState(
            UUID orderLineId, LineQuantities quantities, BigDecimal unitPrice, int cancellableAllocated) {
        public int unrouted() {
            return quantities.unrouted();
        }

        public int cancellable() {
            return unrouted() + quantities.backordered() + cancellableAllocated;
        }
    }

    public static List<LineTake> plan(List<CancelLine> request, Map<UUID, LineState> lines, Currency currency) {
        if (request == null || request.isEmpty()) {
            throw new ValidationException("lines", "say which lines to cancel");
        }
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < request.size(); i++) {
            CancelLine line = request.get(i);
            if (line == null || line.orderLineId() == null || !lines.containsKey(line.orderLineId())) {
                throw new ValidationException("lines[" + i + "].orderLineId", "not a line of this order");
            }
            if (line.quantity() < 1) {
                throw new ValidationException("lines[" + i + "].quantity", "quantity must be at least 1");
            }
            wanted.merge(line.orderLineId(), line.quantity(), Integer::sum);
        }
        List<LineTake> takes = new ArrayList<>();
        wanted.forEach((lineId, quantity) -> {
            LineState state = lines.get(lineId);
            if (quantity > state.cancellable()) {
                throw new InsufficientQuantityException("line " + lineId + ": " + quantity + " requested, "
                        + state.cancellable() + " can still be cancelled (the rest is picked or shipped)");
            }
            int fromUnrouted = Math.min(quantity, state.unrouted());
            int fromBackorders =
                    Math.min(quantity - fromUnrouted, state.quantities().backordered());
            int fromAllocated = quantity - fromUnrouted - fromBackorders;
            BigDecimal refund = Money.round(state.unitPrice().multiply(BigDecimal.valueOf(quantity)), currency);
            takes.add(new LineTake(lineId, fromUnrouted, fromBackorders, fromAllocated, refund));
        });
        return takes;
    }
}

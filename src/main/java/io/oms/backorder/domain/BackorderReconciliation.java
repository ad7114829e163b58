package io.oms.backorder.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Brings a routed order's open backorders in line with what the routing pass allocated and what still waits,
 * line by line. A line's open backorders are filled oldest first; one filled in part is split, the allocated
 * part keeping its creation time and decision, so what still waits keeps its place in the FIFO queue. What
 * waits beyond the open backorders becomes a new backorder.
 */
public final class BackorderReconciliation {
    private BackorderReconciliation() {}

    /** One line after a routing pass: units allocated by this pass, and units still waiting for stock. */
    public record LineOutcome(UUID lineId, String sku, int allocated, int stillWaiting) {}

    /** What to write. */
    public sealed interface Change {}

    /** The whole backorder is allocated. */
    public record Fill(BackorderSnapshot backorder) implements Change {}

    /** {@code quantity} of the backorder is allocated (a new ALLOCATED row); the rest stays open. */
    public record FillPart(BackorderSnapshot backorder, int quantity) implements Change {}

    /** A new open backorder of {@code quantity}. */
    public record Create(UUID lineId, String sku, int quantity) implements Change {}

    /**
     * @param openOldestFirst the order's open backorders, oldest first
     * @param lines           every line of the order with its outcome
     */
    public static List<Change> reconcile(List<BackorderSnapshot> openOldestFirst, List<LineOutcome> lines) {
        List<Change> changes = new ArrayList<>();
        for (LineOutcome line : lines) {
            int take = line.allocated();
            int alreadyWaiting = 0;
            for (BackorderSnapshot backorder : openOldestFirst) {
                if (!backorder.orderLineId().equals(line.lineId())) {
                    continue;
                }
                if (take >= backorder.quantity()) {
                    take -= backorder.quantity();
                    changes.add(new Fill(backorder));
                } else {
                    if (take > 0) {
                        changes.add(new FillPart(backorder, take));
                    }
                    alreadyWaiting += backorder.quantity() - take;
                    take = 0;
                }
            }
            if (line.stillWaiting() > alreadyWaiting) {
                changes.add(new Create(line.lineId(), line.sku(), line.stillWaiting() - alreadyWaiting));
            }
        }
        return changes;
    }
}

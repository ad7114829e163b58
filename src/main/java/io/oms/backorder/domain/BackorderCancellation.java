package io.oms.backorder.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Which open backorders of a line a cancellation takes: the newest first, so the oldest keep their place in
 * the FIFO queue. A backorder taken whole is cancelled; one taken in part is split, the cancelled part
 * becoming a row of its own.
 */
public final class BackorderCancellation {
    private BackorderCancellation() {}

    /** {@code quantity} of {@code backorder} is cancelled; all of it when {@link #whole()}. */
    public record Take(BackorderSnapshot backorder, int quantity) {
        public boolean whole() {
            return quantity == backorder.quantity();
        }
    }

    /**
     * @param lineOpenOldestFirst the line's open backorders, oldest first
     * @param quantity            how much of the line's backordered quantity to cancel
     */
    public static List<Take> takes(List<BackorderSnapshot> lineOpenOldestFirst, int quantity) {
        List<Take> takes = new ArrayList<>();
        int left = quantity;
        for (int i = lineOpenOldestFirst.size() - 1; i >= 0 && left > 0; i--) {
            BackorderSnapshot backorder = lineOpenOldestFirst.get(i);
            int take = Math.min(left, backorder.quantity());
            takes.add(new Take(backorder, take));
            left -= take;
        }
        if (left > 0) {
            throw new IllegalStateException(
                    "the line's open backorders hold " + (quantity - left) + " units, not " + quantity);
        }
        return takes;
    }
}

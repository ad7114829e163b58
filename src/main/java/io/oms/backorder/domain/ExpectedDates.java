package io.oms.backorder.domain;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A backorder's expected date is the date of the incoming stock that covers its last unit, after the
 * older backorders of the same SKU have taken theirs (first in, first out); null when no incoming stock
 * reaches it.
 */
public final class ExpectedDates {
    private ExpectedDates() {}

    public record Waiting(UUID backorderId, int quantity) {}

    public record Incoming(int quantity, OffsetDateTime expectedAt) {}

    /**
     * @param oldestFirst open backorders of one SKU, oldest first
     * @param earliestFirst incoming stock of that SKU, earliest first
     */
    public static Map<UUID, OffsetDateTime> assign(List<Waiting> oldestFirst, List<Incoming> earliestFirst) {
        Map<UUID, OffsetDateTime> dates = new HashMap<>();
        long demand = 0;
        long supply = 0;
        int batch = -1;
        for (Waiting waiting : oldestFirst) {
            demand += waiting.quantity();
            // The first batch by which the cumulative supply covers everything up to this backorder.
            while (supply < demand && batch + 1 < earliestFirst.size()) {
                batch++;
                supply += earliestFirst.get(batch).quantity();
            }
            dates.put(
                    waiting.backorderId(),
                    supply >= demand ? earliestFirst.get(batch).expectedAt() : null);
        }
        return dates;
    }
}

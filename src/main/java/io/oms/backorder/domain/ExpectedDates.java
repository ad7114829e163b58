package io.oms.backorder.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * When a backorder can be expected. For each SKU, the open backorders take the stock on its way first in, first
 * out, each only from locations that may ship to its order's country; a backorder's date is that of the batch
 * that covers its last unit. What no incoming stock covers takes the shortest supplier lead time of a location
 * that carries the SKU and ships there, or has no date. A line of a SHIP_COMPLETE order that waits only because
 * another line does (its own stock is there now) takes the date of the line that holds it back.
 */
public final class ExpectedDates {
    private ExpectedDates() {}

    /** An open backorder: its order, where that ships, whether it ships complete, how many units wait. */
    public record Waiting(UUID backorderId, UUID orderId, String country, boolean shipComplete, int quantity) {}

    /** Stock of the SKU on its way to a location. */
    public record Incoming(UUID locationId, int quantity, OffsetDateTime expectedAt) {}

    /** What is known of one SKU: where each location ships, lead times, and where stock is free right now. */
    public record Supply(
            List<Incoming> earliestFirst,
            Map<UUID, Set<String>> activeLocations,
            Map<UUID, Integer> leadTimeDays,
            Set<String> countriesWithFreeStock) {}

    /**
     * @param waitingBySku open backorders per SKU, oldest first
     * @param supplyBySku  what is on its way per SKU (a SKU without an entry has nothing coming)
     */
    public static Map<UUID, OffsetDateTime> assign(
            Map<String, List<Waiting>> waitingBySku, Map<String, Supply> supplyBySku, OffsetDateTime now) {
        Map<UUID, OffsetDateTime> dates = new LinkedHashMap<>();
        Map<UUID, Boolean> heldBack = new HashMap<>();
        waitingBySku.forEach((sku, waiting) -> {
            Supply supply = supplyBySku.getOrDefault(sku, new Supply(List.of(), Map.of(), Map.of(), Set.of()));
            int[] left =
                    supply.earliestFirst().stream().mapToInt(Incoming::quantity).toArray();
            for (Waiting w : waiting) {
                OffsetDateTime date = cover(w, supply, left);
                if (date == null) {
                    date = leadTime(w.country(), supply, now);
                }
                dates.put(w.backorderId(), date);
                heldBack.put(
                        w.backorderId(),
                        date == null && supply.countriesWithFreeStock().contains(w.country()));
            }
        });
        shipComplete(waitingBySku, dates, heldBack);
        return dates;
    }

    /**
     * Whether a backorder that joins the end of its SKU's queue can be dated without the backorders ahead of it:
     * when nothing of the SKU is coming, its date is the lead time of where it may ship from whatever waits ahead,
     * unless it belongs to a SHIP_COMPLETE order, whose lines' dates depend on each other. (A backorder joining the
     * end never moves an older one's date: the queue takes what is coming first in, first out.)
     */
    public static boolean datedAlone(Waiting newest, Supply supply) {
        return !newest.shipComplete() && supply.earliestFirst().isEmpty();
    }

    /** Takes the backorder's units from the earliest batches that may ship to it; the date of the last one. */
    private static OffsetDateTime cover(Waiting w, Supply supply, int[] left) {
        int need = w.quantity();
        for (int i = 0; i < left.length && need > 0; i++) {
            Incoming batch = supply.earliestFirst().get(i);
            Set<String> countries = supply.activeLocations().get(batch.locationId());
            if (left[i] == 0 || countries == null || !countries.contains(w.country())) {
                continue;
            }
            int take = Math.min(need, left[i]);
            left[i] -= take;
            need -= take;
            if (need == 0) {
                return batch.expectedAt();
            }
        }
        return null;
    }

    private static OffsetDateTime leadTime(String country, Supply supply, OffsetDateTime now) {
        return supply.leadTimeDays().entrySet().stream()
                .filter(e -> supply.activeLocations()
                        .getOrDefault(e.getKey(), Set.of())
                        .contains(country))
                .map(Map.Entry::getValue)
                .min(Comparator.naturalOrder())
                .map(now::plusDays)
                .orElse(null);
    }

    /** A held-back line of a SHIP_COMPLETE order takes the latest date of the order's lines that have one. */
    private static void shipComplete(
            Map<String, List<Waiting>> waitingBySku, Map<UUID, OffsetDateTime> dates, Map<UUID, Boolean> heldBack) {
        Map<UUID, List<Waiting>> byOrder = new HashMap<>();
        waitingBySku
                .values()
                .forEach(list -> list.stream()
                        .filter(Waiting::shipComplete)
                        .forEach(w -> byOrder.computeIfAbsent(w.orderId(), k -> new ArrayList<>())
                                .add(w)));
        byOrder.values().forEach(order -> {
            OffsetDateTime blocking = order.stream()
                    .map(w -> dates.get(w.backorderId()))
                    .filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            if (blocking != null) {
                order.stream()
                        .filter(w -> heldBack.getOrDefault(w.backorderId(), false))
                        .forEach(w -> dates.put(w.backorderId(), blocking));
            }
        });
    }
}

package io.oms.backorder.domain;

import java.time.OffsetDateTime;

/**
 * What waits for one SKU: its open backorders and their units, when its oldest open backorder was created (the first
 * that stock for it fills, and its place in the list of SKUs waiting longest first) and the earliest date any of them
 * expects stock (null when none expects any; it may be past, then they are late).
 */
public record SkuBacklog(
        String sku, int openCount, int unitsWaiting, OffsetDateTime oldestCreatedAt, OffsetDateTime nextExpectedAt) {}

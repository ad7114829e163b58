package io.oms.inventory.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the inventory knows of a SKU's future: stock on its way (earliest first), the countries every active
 * location ships to, the supplier lead times of the locations that carry the SKU, and the countries to which free
 * stock of it could ship right now.
 */
public record SupplyOutlook(
        List<IncomingSnapshot> incoming,
        Map<UUID, Set<String>> activeLocations,
        Map<UUID, Integer> leadTimeDays,
        Set<String> countriesWithFreeStock) {}

package io.oms.routing.app;

import io.oms.inventory.domain.LocationStock;
import io.oms.inventory.domain.LocationType;
import io.oms.routing.domain.Candidate;
import java.util.List;

/** The inventory's snapshot of available stock, as the routing engine's candidates. */
final class Candidates {
    private Candidates() {}

    static List<Candidate> of(List<LocationStock> available) {
        return available.stream()
                .map(l -> new Candidate(
                        l.locationId(),
                        l.code(),
                        l.type() == LocationType.DROPSHIP_SUPPLIER,
                        l.priority(),
                        l.latitude(),
                        l.longitude(),
                        l.available()))
                .toList();
    }
}

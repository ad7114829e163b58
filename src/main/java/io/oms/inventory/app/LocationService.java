package io.oms.inventory.app;

import io.oms.infra.sql.Transactions;
import io.oms.inventory.domain.LocationDraft;
import io.oms.inventory.domain.LocationRules;
import io.oms.inventory.persistence.Locations;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.Times;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Locations are plain reference data: an upsert by code, no richer model needed. */
@ApplicationScoped
public class LocationService {
    private static final Logger LOG = Logger.getLogger(LocationService.class);

    private final Locations locations;
    private final Transactions transactions;
    private final Clock clock;

    public LocationService(Locations locations, Transactions transactions, Clock clock) {
        this.locations = locations;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates the location with this code, or changes the fields given; returns its id. */
    public Uni<UUID> upsert(Caller caller, LocationDraft input) {
        caller.require(Role.ADMIN);
        String code = LocationRules.validate(input, false).code();
        OffsetDateTime now = Times.now(clock);
        return transactions.run(tx -> locations.lockByCode(tx, code).chain(existing -> {
            boolean creating = existing == null;
            var location = LocationRules.merge(existing, LocationRules.validate(input, creating), UUID.randomUUID());
            LOG.infof("Location %s %s by %s", code, creating ? "created" : "updated", caller.actor());
            return (creating ? locations.insert(tx, location, now) : locations.update(tx, location, now))
                    .replaceWith(location.id());
        }));
    }
}

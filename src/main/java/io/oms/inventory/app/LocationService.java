package io.oms.inventory.app;

import io.oms.kernel.Times;
import io.oms.inventory.domain.LocationDraft;
import io.oms.inventory.domain.LocationRules;
import io.oms.inventory.persistence.LocationEntity;
import io.oms.inventory.persistence.LocationRepository;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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

    private final LocationRepository locations;
    private final Clock clock;

    public LocationService(LocationRepository locations, Clock clock) {
        this.locations = locations;
        this.clock = clock;
    }

    /** Creates the location with this code, or changes the fields given; returns its id. */
    @WithTransaction
    public Uni<UUID> upsert(Caller caller, LocationDraft input) {
        caller.require(Role.ADMIN);
        String code = LocationRules.validate(input, false).code();
        OffsetDateTime now = Times.now(clock);
        return locations.findByCodeForUpdate(code).chain(existing -> {
            boolean creating = existing == null;
            LocationDraft draft = LocationRules.validate(input, creating);
            LocationEntity entity = creating ? newLocation(draft, now) : existing;
            apply(draft, entity);
            entity.updatedAt = now;
            LOG.infof("Location %s %s by %s", code, creating ? "created" : "updated", caller.actor());
            return (creating ? locations.persist(entity) : Uni.createFrom().item(entity))
                    .call(locations::flush)
                    .map(saved -> saved.id);
        });
    }

    private static LocationEntity newLocation(LocationDraft draft, OffsetDateTime now) {
        LocationEntity entity = new LocationEntity();
        entity.id = UUID.randomUUID();
        entity.code = draft.code();
        entity.active = true;
        entity.createdAt = now;
        return entity;
    }

    private static void apply(LocationDraft draft, LocationEntity entity) {
        if (draft.name() != null) {
            entity.name = draft.name();
        }
        if (draft.type() != null) {
            entity.type = draft.type();
        }
        if (draft.priority() != null) {
            entity.priority = draft.priority();
        }
        if (draft.active() != null) {
            entity.active = draft.active();
        }
        if (draft.latitude() != null) {
            entity.latitude = draft.latitude();
            entity.longitude = draft.longitude();
        }
        if (draft.countries() != null) {
            entity.countries = draft.countries().toArray(String[]::new);
        }
    }
}

package io.oms.inventory.persistence;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.LocationSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes of locations (plain reference data: an upsert by code). */
@ApplicationScoped
public class Locations {

    /** The location with this code, locked for the transaction; null when there is none. */
    public Uni<LocationSnapshot> lockByCode(Tx tx, String code) {
        return tx.one(
                "select " + InventoryQueries.LOCATION_COLUMNS + " from locations l where l.code = $1 for update",
                InventoryQueries::toLocation,
                code);
    }

    /** The location, as this transaction sees it; null when there is none. */
    public Uni<LocationSnapshot> find(Tx tx, UUID id) {
        return tx.one(
                "select " + InventoryQueries.LOCATION_COLUMNS + " from locations l where l.id = $1",
                InventoryQueries::toLocation,
                id);
    }

    public Uni<Void> insert(Tx tx, LocationSnapshot l, OffsetDateTime now) {
        return tx.execute(
                        """
                insert into locations (id, code, name, type, priority, active, latitude, longitude, countries,
                    lead_time_days, version, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, 0, $10, $10)""",
                        l.id(),
                        l.code(),
                        l.name(),
                        l.type().name(),
                        l.priority(),
                        l.active(),
                        l.latitude(),
                        l.longitude(),
                        l.countries().toArray(String[]::new),
                        now,
                        l.leadTimeDays())
                .replaceWithVoid();
    }

    public Uni<Void> update(Tx tx, LocationSnapshot l, OffsetDateTime now) {
        return tx.execute(
                        """
                update locations set name = $2, type = $3, priority = $4, active = $5, latitude = $6, longitude = $7,
                    countries = $8, lead_time_days = $10, version = version + 1, updated_at = $9
                where id = $1""",
                        l.id(),
                        l.name(),
                        l.type().name(),
                        l.priority(),
                        l.active(),
                        l.latitude(),
                        l.longitude(),
                        l.countries().toArray(String[]::new),
                        now,
                        l.leadTimeDays())
                .replaceWithVoid();
    }
}

package io.oms.inventory.app;

import io.oms.kernel.Times;
import io.oms.backorder.app.BackorderDates;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.InventoryAccess;
import io.oms.inventory.domain.InventoryLevelSnapshot;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.StockLevel;
import io.oms.inventory.persistence.IncomingStock;
import io.oms.inventory.persistence.InventoryLevelRepository;
import io.oms.inventory.persistence.InventoryMovements;
import io.oms.inventory.persistence.InventoryQueries;
import io.oms.inventory.persistence.LocationRepository;
import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.NotFoundException;
import io.oms.infra.OmsConfig;
import io.oms.kernel.Role;
import io.oms.kernel.Sku;
import io.oms.kernel.ValidationException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Stock levels: manual adjustments with their ledger, and reads scoped to the caller. */
@ApplicationScoped
public class InventoryService {
    private static final Logger LOG = Logger.getLogger(InventoryService.class);
    private static final int MAX_ADJUSTMENT = 10_000_000;

    private final LocationRepository locations;
    private final InventoryLevelRepository levels;
    private final InventoryMovements movements;
    private final InventoryQueries queries;
    private final Clock clock;
    private final int maxSkuLength;
    private final IncomingStock incoming;
    private final BackorderDates dates;

    public InventoryService(LocationRepository locations, InventoryLevelRepository levels,
            InventoryMovements movements, InventoryQueries queries, IncomingStock incoming, BackorderDates dates,
            Clock clock, OmsConfig config) {
        this.incoming = incoming;
        this.dates = dates;
        this.locations = locations;
        this.levels = levels;
        this.movements = movements;
        this.queries = queries;
        this.clock = clock;
        this.maxSkuLength = config.orders().maxSkuLength();
    }

    /**
     * Changes on-hand stock by {@code delta} and writes the movement. The level row is locked for the
     * transaction, so concurrent adjustments of one SKU at one location apply one after the other.
     */
    @WithTransaction
    public Uni<Void> adjust(Caller caller, UUID locationId, String rawSku, int delta, String reason) {
        String sku = Sku.validate(rawSku, "sku", maxSkuLength);
        if (delta == 0 || Math.abs((long) delta) > MAX_ADJUSTMENT) {
            throw new ValidationException("delta", "delta must be non-zero and at most " + MAX_ADJUSTMENT
                    + " either way");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new ValidationException("reason", "reason must be 1-500 characters");
        }
        return change(caller, locationId, sku, delta, reason.strip());
    }

    private Uni<Void> change(Caller caller, UUID locationId, String sku, int delta, String reason) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        OffsetDateTime now = Times.now(clock);
        return locations.findById(locationId).chain(location -> {
            if (location == null) {
                throw new NotFoundException("Location", locationId);
            }
            InventoryAccess.checkActsAt(caller, location.code);
            return levels.lockOrCreate(locationId, sku, now);
        }).chain(level -> {
            StockLevel next = new StockLevel(level.onHand, level.reserved, level.safetyStock).adjust(delta);
            level.onHand = next.onHand();
            level.updatedAt = now;
            LOG.infof("Stock of %s at %s changed by %d (%s) by %s", sku, locationId, delta, reason, caller.actor());
            return levels.flush().chain(() -> movements.record(level, delta, 0, reason, caller.actor(), null, now));
        });
    }

    /**
     * Stock arrived: on hand rises (with its ledger row) and the earliest expected batches of this level are
     * taken off what is still expected. Filling backorders with it is the caller's next step.
     */
    @WithTransaction
    public Uni<Void> receive(Caller caller, UUID locationId, String rawSku, int quantity) {
        if (quantity < 1 || quantity > MAX_ADJUSTMENT) {
            throw new ValidationException("quantity", "quantity must be between 1 and " + MAX_ADJUSTMENT);
        }
        String sku = Sku.validate(rawSku, "sku", maxSkuLength);
        return change(caller, locationId, sku, quantity, "received")
                .chain(() -> incoming.consume(locationId, sku, quantity))
                .chain(() -> dates.refresh(List.of(sku)));
    }

    /** Records stock on its way; open backorders of the SKU take their expected dates from it. */
    @WithTransaction
    public Uni<Void> addIncoming(Caller caller, UUID locationId, String rawSku, int quantity,
            OffsetDateTime expectedAt) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String sku = Sku.validate(rawSku, "sku", maxSkuLength);
        if (quantity < 1 || quantity > MAX_ADJUSTMENT) {
            throw new ValidationException("quantity", "quantity must be between 1 and " + MAX_ADJUSTMENT);
        }
        if (expectedAt == null) {
            throw new ValidationException("expectedAt", "expectedAt is required");
        }
        OffsetDateTime now = Times.now(clock);
        return locations.findById(locationId).chain(location -> {
            if (location == null) {
                throw new NotFoundException("Location", locationId);
            }
            InventoryAccess.checkActsAt(caller, location.code);
            return levels.lockOrCreate(locationId, sku, now);
        }).chain(() -> incoming.add(locationId, sku, quantity, expectedAt.withOffsetSameInstant(ZoneOffset.UTC), now))
                .chain(() -> dates.refresh(List.of(sku)));
    }

    /** After backorders of the SKU were filled: the ones still open move up the queue for incoming stock. */
    @WithTransaction
    public Uni<Void> refreshExpectedDates(String sku) {
        return dates.refresh(List.of(sku));
    }

    public Uni<Map<String, List<IncomingSnapshot>>> incomingOf(List<UUID> locationIds, List<String> skus) {
        return queries.incomingOf(locationIds, skus);
    }

    public Uni<InventoryLevelSnapshot> level(UUID locationId, String sku) {
        return queries.level(locationId, sku);
    }

    /** Admins see every location's level; warehouse staff see their own location's. */
    public Uni<List<InventoryLevelSnapshot>> levels(Caller caller, String rawSku) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String sku = Sku.validate(rawSku, "sku", maxSkuLength);
        if (caller.isAdmin()) {
            return queries.levels(sku, null);
        }
        String own = caller.locationCode()
                .orElseThrow(() -> new AccessDeniedException("The warehouse token has no location claim"));
        return queries.levels(sku, null)
                .map(all -> all.stream().filter(level -> level.location().code().equals(own)).toList());
    }

    public Uni<List<LocationSnapshot>> locations() {
        return queries.locations();
    }

    public Uni<LocationSnapshot> location(UUID id) {
        return queries.location(id);
    }

    public Uni<Map<UUID, LocationSnapshot>> locationsByIds(List<UUID> ids) {
        return queries.locationsByIds(ids);
    }

    /** The location a warehouse token acts for, from its location claim. */
    public Uni<LocationSnapshot> ownLocation(Caller caller) {
        String code = caller.locationCode()
                .orElseThrow(() -> new AccessDeniedException("The warehouse token has no location claim"));
        return queries.locationByCode(code).map(location -> {
            if (location == null) {
                throw new AccessDeniedException("The token's location " + code + " does not exist");
            }
            return location;
        });
    }
}

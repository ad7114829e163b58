package io.oms.inventory.app;

import io.oms.infra.PagingConfig;
import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.IncomingSnapshot;
import io.oms.inventory.domain.InventoryAccess;
import io.oms.inventory.domain.InventoryLevelSnapshot;
import io.oms.inventory.domain.LevelCount;
import io.oms.inventory.domain.LocationSnapshot;
import io.oms.inventory.domain.Movement;
import io.oms.inventory.domain.StockLevel;
import io.oms.inventory.persistence.IncomingStock;
import io.oms.inventory.persistence.InventoryQueries;
import io.oms.inventory.persistence.Locations;
import io.oms.inventory.persistence.StockLevels;
import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Page;
import io.oms.kernel.PageArgs;
import io.oms.kernel.PageRequest;
import io.oms.kernel.Role;
import io.oms.kernel.Sku;
import io.oms.kernel.Text;
import io.oms.kernel.ValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stock levels at a location: counts and corrections with their ledger, receipts, stock on its way, and reads
 * scoped to the caller. The changes run inside the transaction of the use case that needs them (restocking
 * also fills backorders; stock on its way also dates them), which is why they take a {@link Tx}.
 */
@ApplicationScoped
public class InventoryService {
    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    private final Locations locations;
    private final StockLevels levels;
    private final IncomingStock incoming;
    private final InventoryQueries queries;
    private final InventoryConfig config;
    private final PagingConfig paging;

    public InventoryService(
            Locations locations,
            StockLevels levels,
            IncomingStock incoming,
            InventoryQueries queries,
            InventoryConfig config,
            PagingConfig paging) {
        this.paging = paging;
        this.locations = locations;
        this.levels = levels;
        this.incoming = incoming;
        this.queries = queries;
        this.config = config;
    }

    /** A manual change of on-hand stock, as validated by {@link #checkAdjustment}. */
    public record Adjustment(UUID locationId, String sku, int delta, String reason) {}

    /** Refuses a bad adjustment before any transaction starts; returns it normalised. */
    public Adjustment checkAdjustment(Caller caller, UUID locationId, String rawSku, int delta, String reason) {
        String sku = Sku.validate(rawSku, "sku");
        if (delta == 0 || Math.abs((long) delta) > config.maxQuantity()) {
            throw new ValidationException(
                    "delta", "delta must be non-zero and at most " + config.maxQuantity() + " either way");
        }
        String why = Text.required(reason, "reason", config.maxReasonLength());
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        return new Adjustment(locationId, sku, delta, why);
    }

    /** An adjustment with the locked level it applies to, and the units open shipments must give back first. */
    public record PlannedAdjustment(Adjustment adjustment, StockLevel level, int shortfall) {}

    /**
     * Locks the level (created empty if it never existed) and works out the adjustment's shortfall: the units below
     * the reserved quantity that open shipments must give back before it applies. The level row stays locked, so
     * concurrent changes of one SKU at one location apply one after the other.
     */
    public Uni<PlannedAdjustment> plan(Tx tx, Caller caller, Adjustment adjustment, OffsetDateTime now) {
        return lockedLevel(tx, caller, adjustment.locationId(), adjustment.sku(), now)
                .map(locked -> new PlannedAdjustment(
                        adjustment, locked.level(), locked.level().shortfall(adjustment.delta())));
    }

    /**
     * Writes a planned adjustment, after its shortfall was given back, with its ledger row; more stock is held for
     * the backorders waiting for it. Their fill is requested but not announced: the caller runs it after the commit.
     */
    public Uni<Void> apply(Tx tx, Caller caller, PlannedAdjustment planned, OffsetDateTime now) {
        Adjustment adjustment = planned.adjustment();
        StockLevel next = planned.level().released(planned.shortfall()).adjust(adjustment.delta());
        LOG.infof(
                "Stock of %s at %s changed by %d (%s) by %s",
                adjustment.sku(), adjustment.locationId(), adjustment.delta(), adjustment.reason(), caller.actor());
        return levels.setOnHand(
                        tx,
                        adjustment.locationId(),
                        adjustment.sku(),
                        next,
                        adjustment.delta(),
                        new Movement(adjustment.reason(), caller.actor(), null, now))
                .chain(() -> adjustment.delta() > 0
                        ? levels.holdForWaiting(tx, adjustment.locationId(), adjustment.sku(), false)
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Refuses a bad import before any transaction starts; returns its rows normalised. */
    public List<LevelCount> checkImport(Caller caller, List<LevelCount> rows) {
        List<LevelCount> valid = LevelCount.validate(rows, config.maxImportRows(), config.maxQuantity());
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        return valid;
    }

    /**
     * An inventory import (a stock take) at one location: every row sets a level's on-hand quantity and safety
     * stock, with its ledger row, or none does. A count below what open shipments hold is refused, naming the row
     * (a count of damaged stock goes through adjustInventory, which takes the shortfall back). What rose is held
     * for the backorders waiting for it, and their fill is asked for. Returns how many levels changed.
     */
    public Uni<Integer> importCounts(Tx tx, Caller caller, UUID locationId, List<LevelCount> rows, OffsetDateTime now) {
        return locations.find(tx, locationId).chain(location -> {
            if (location == null) {
                throw new NotFoundException("Location", locationId);
            }
            InventoryAccess.checkActsAt(caller, location.code());
            return levels.lockForImport(
                            tx, locationId, rows.stream().map(LevelCount::sku).toList(), now)
                    .chain(before -> {
                        Map<String, StockLevels.Counted> bySku = new java.util.HashMap<>();
                        before.forEach(c -> bySku.put(c.sku(), c));
                        List<StockLevels.NewCount> counts = new java.util.ArrayList<>();
                        for (int i = 0; i < rows.size(); i++) {
                            LevelCount row = rows.get(i);
                            StockLevels.Counted was = bySku.get(row.sku());
                            if (row.onHand() < was.reserved()) {
                                throw new ValidationException(
                                        "levels[" + i + "].onHand",
                                        row.sku() + ": "
                                                + was.reserved()
                                                + " units are reserved by open shipments; count damaged or"
                                                + " lost stock with adjustInventory, which takes them back");
                            }
                            counts.add(new StockLevels.NewCount(
                                    row.sku(), row.onHand(), row.safetyStock(), was.onHandBefore(), was.reserved()));
                        }
                        LOG.infof("Import of %d level(s) at %s by %s", rows.size(), location.code(), caller.actor());
                        return levels.importCounts(
                                        tx,
                                        locationId,
                                        counts,
                                        new Movement("imported count", caller.actor(), null, now))
                                .replaceWith((int) counts.stream()
                                        .filter(c -> c.onHand() != c.onHandBefore())
                                        .count());
                    });
        });
    }

    /** Refuses a bad receipt or incoming quantity before any transaction starts; returns the SKU normalised. */
    public String checkQuantity(Caller caller, String rawSku, int quantity) {
        if (quantity < 1 || quantity > config.maxQuantity()) {
            throw new ValidationException("quantity", "quantity must be between 1 and " + config.maxQuantity());
        }
        String sku = Sku.validate(rawSku, "sku");
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        return sku;
    }

    /**
     * Stock arrived: on hand rises (with its ledger row) and the earliest expected batches of this level are
     * taken off what is still expected.
     */
    public Uni<Void> receive(Tx tx, Caller caller, UUID locationId, String sku, int quantity, OffsetDateTime now) {
        return plan(tx, caller, new Adjustment(locationId, sku, quantity, "received"), now)
                .chain(planned -> apply(tx, caller, planned, now))
                .chain(() -> incoming.consume(tx, locationId, sku, quantity));
    }

    /** Records stock on its way to a location. */
    public Uni<Void> addIncoming(
            Tx tx,
            Caller caller,
            UUID locationId,
            String sku,
            int quantity,
            OffsetDateTime expectedAt,
            OffsetDateTime now) {
        if (expectedAt == null) {
            throw new ValidationException("expectedAt", "expectedAt is required");
        }
        return lockedLevel(tx, caller, locationId, sku, now)
                .chain(() -> incoming.add(
                        tx, locationId, sku, quantity, expectedAt.withOffsetSameInstant(ZoneOffset.UTC), now));
    }

    /** The level of a location the caller may act at, locked (created empty if it never existed). */
    private Uni<StockLevels.LockedLevel> lockedLevel(
            Tx tx, Caller caller, UUID locationId, String sku, OffsetDateTime now) {
        return locations.find(tx, locationId).chain(location -> {
            if (location == null) {
                throw new NotFoundException("Location", locationId);
            }
            InventoryAccess.checkActsAt(caller, location.code());
            return levels.lockOrCreate(tx, locationId, sku, now);
        });
    }

    public Uni<Map<String, List<IncomingSnapshot>>> incomingOf(List<UUID> locationIds, List<String> skus) {
        return queries.incomingOf(locationIds, skus);
    }

    public Uni<InventoryLevelSnapshot> level(UUID locationId, String sku) {
        return queries.level(locationId, sku);
    }

    /** The level as this transaction sees it: what a mutation answers, read before it commits. */
    public Uni<InventoryLevelSnapshot> level(Tx tx, UUID locationId, String sku) {
        return queries.level(tx, locationId, sku);
    }

    /** Admins see every location's level; warehouse staff see their own location's. */
    public Uni<List<InventoryLevelSnapshot>> levels(Caller caller, String rawSku) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String sku = Sku.validate(rawSku, "sku");
        if (caller.isAdmin()) {
            return queries.levels(sku, null);
        }
        String own = caller.locationCode()
                .orElseThrow(() -> new AccessDeniedException("The warehouse token has no location claim"));
        return queries.levels(sku, null)
                .map(all -> all.stream()
                        .filter(level -> level.location().code().equals(own))
                        .toList());
    }

    /** Every level at one location, by SKU: admins at any location, warehouse staff at their own. */
    public Uni<Page<InventoryLevelSnapshot>> levelsAt(
            Caller caller, UUID locationId, PageArgs args, boolean withTotal) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        PageRequest page = PagingConfig.request(paging, args).withTotal(withTotal);
        return queries.location(locationId).chain(location -> {
            if (location == null) {
                throw new NotFoundException("Location", locationId);
            }
            InventoryAccess.checkActsAt(caller, location.code());
            return queries.levelsAt(locationId, page);
        });
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

package io.oms.routing.app;

import io.oms.backorder.app.BackorderConfig;
import io.oms.backorder.app.Backorders;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.infra.sql.Contention;
import io.oms.infra.sql.Transactions;
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelKey;
import io.oms.kernel.DomainException;
import io.oms.kernel.Times;
import io.oms.routing.persistence.FillQueries;
import io.oms.routing.persistence.FillQueries.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * First in, first out. Whatever makes stock available while backorders wait for it (a receipt, a count, a release)
 * holds those units for them in its own transaction and asks for a fill of that level. A fill pass then offers the
 * level's stock, held units included, to the orders with the oldest open backorders of the SKU that this location
 * may ship to, until the stock or the queue runs out; no newer order can take the held units meanwhile.
 *
 * <p>One pass per level at a time in the whole cluster (a lease on the level's row). A pass that ends drops the
 * hold when it could use no more (the rest waits for nobody it can serve), and goes round again when more was
 * requested meanwhile. An order it cannot route for now (its row locked past the lock time-out, a deadlock) stops
 * the pass there: the orders behind it must not take its units. The level keeps its hold and is tried again
 * shortly. An order that fails for any other reason would fail again; it is logged and passed over, so that it
 * cannot stop the queue for good.
 */
@ApplicationScoped
public class BackorderFiller {
    private static final Logger LOG = Logger.getLogger(BackorderFiller.class);

    private final FillQueries queue;
    private final BatchFill batches;
    private final Stock stock;
    private final RoutingService routing;
    private final Transactions transactions;
    private final BackorderConfig config;
    private final Backorders backorders;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicReference<LevelKey> sweepCursor = new AtomicReference<>();

    public BackorderFiller(
            FillQueries queue,
            BatchFill batches,
            Stock stock,
            RoutingService routing,
            Transactions transactions,
            BackorderConfig config,
            Backorders backorders,
            Clock clock,
            Vertx vertx) {
        this.backorders = backorders;
        this.clock = clock;
        this.queue = queue;
        this.batches = batches;
        this.stock = stock;
        this.routing = routing;
        this.transactions = transactions;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Fills the level's waiting backorders; returns those allocated, oldest first. Empty at once when another pass
     * is filling this level (it sees the request and goes round again).
     */
    public Uni<List<BackorderSnapshot>> fill(LevelKey level) {
        List<BackorderSnapshot> allocated = new CopyOnWriteArrayList<>();
        return fill(level, allocated).replaceWith(allocated);
    }

    /** As {@link #fill(LevelKey)}, adding what it allocates to {@code allocated} as it goes. */
    public Uni<Void> fill(LevelKey level, List<BackorderSnapshot> allocated) {
        AtomicBoolean again = new AtomicBoolean();
        return stock.exclusivelyFilling(level, renew -> passes(level, allocated, renew))
                // null: another pass holds the level; false: stopped at a locked order, a retry is due.
                .invoke(ranThrough -> again.set(Boolean.TRUE.equals(ranThrough)))
                // A request made between this pass's last check and the lock's release must not be lost.
                .chain(() -> again.get()
                        ? requestedSinceLastPass(level)
                        : Uni.createFrom().item(false))
                .chain(more -> more ? fill(level, allocated) : Uni.createFrom().voidItem())
                .invoke(() -> {
                    if (!allocated.isEmpty()) {
                        LOG.infof(
                                "Fill of %s at %s allocated %d backorder(s)",
                                level.sku(), level.locationId(), allocated.size());
                    }
                });
    }

    /** The safety net: fills the levels that still want one (a lost wake-up, a crashed pass), a page per run. */
    public Uni<Void> sweep() {
        return stock.levelsWantingFill(sweepCursor.get(), config.sweepLevels()).chain(levels -> {
            // Page through all levels across runs, so none is starved by those before it.
            sweepCursor.set(levels.size() < config.sweepLevels() ? null : levels.get(levels.size() - 1));
            return Multi.createFrom()
                    .iterable(levels)
                    .onItem()
                    .transformToUniAndConcatenate(
                            level -> fill(level).onFailure().recoverWithNull())
                    .collect()
                    .asList()
                    .replaceWithVoid();
        });
    }

    /** Passes over the level until nothing more was requested; false when stopped at an order locked for now. */
    private Uni<Boolean> passes(LevelKey level, List<BackorderSnapshot> allocated, Runnable renew) {
        return stock.fillRequests(level).chain(seen -> {
            AtomicBoolean stopped = new AtomicBoolean();
            return queue(level, null, allocated, stopped, renew)
                    // The backorders still open move up the queue: their expected dates change with it.
                    .chain(() -> transactions.run(tx -> backorders
                            .redate(tx, List.of(level.sku()), Times.now(clock))
                            .chain(() -> stock.finishFill(tx, level, seen, !stopped.get()))))
                    .chain(more -> {
                        if (stopped.get()) {
                            // Going round at once would meet the same locked order; the retry sees what was
                            // requested meanwhile too (the hold stays, the requests stay pending).
                            retryLater(level);
                            return Uni.createFrom().item(false);
                        }
                        return more
                                ? passes(level, allocated, renew)
                                : Uni.createFrom().item(true);
                    });
        });
    }

    private Uni<Boolean> requestedSinceLastPass(LevelKey level) {
        return stock.fillPending(level);
    }

    /** Pages of the queue read at once, at most: each read ranks every open backorder of the SKU. */
    static final int PAGES_PER_READ = 20;

    /**
     * Routes the queue's orders page by page while the level has stock the oldest waiting backorders may take, until
     * an order cannot be routed for now ({@code stopped}). Each read of the queue ranks all of the SKU's open
     * backorders whatever its limit (35-65 ms at 10,000), so it reads as many orders as the level's units could
     * serve (each takes one at least), up to {@link #PAGES_PER_READ} pages, and fills them a page at a time. An order
     * that changed since it was read is routed on its own, as within a page.
     */
    private Uni<Void> queue(
            LevelKey level, Position after, List<BackorderSnapshot> allocated, AtomicBoolean stopped, Runnable renew) {
        renew.run();
        if (stopped.get()) {
            return Uni.createFrom().voidItem();
        }
        return stock.claimable(level).chain(left -> {
            if (left <= 0) {
                return Uni.createFrom().voidItem();
            }
            int page = config.fillPage();
            int ahead = (int) Math.min((long) page * PAGES_PER_READ, Math.max(page, left));
            return queue.next(level.locationId(), level.sku(), after, ahead)
                    .chain(read -> read.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : pages(level, read, page, allocated, stopped, renew)
                                    .chain(() -> queue(level, read.get(read.size() - 1), allocated, stopped, renew)));
        });
    }

    /** Fills what was read a page at a time, until nothing stopped the pass (each page checks the level's units). */
    private Uni<Void> pages(
            LevelKey level,
            List<Position> read,
            int page,
            List<BackorderSnapshot> allocated,
            AtomicBoolean stopped,
            Runnable renew) {
        List<List<Position>> pages = new ArrayList<>();
        for (int from = 0; from < read.size(); from += page) {
            pages.add(read.subList(from, Math.min(read.size(), from + page)));
        }
        return Multi.createFrom()
                .iterable(pages)
                .onItem()
                .transformToUniAndConcatenate(p -> {
                    renew.run();
                    return stopped.get() ? Uni.createFrom().voidItem() : fillPage(level, p, allocated, stopped);
                })
                .collect()
                .asList()
                .replaceWithVoid();
    }

    /**
     * Fills a page of the queue in its order, while the level has claimable units: runs of one-line orders of this
     * SKU in one transaction each (see {@link BatchFill}), any other order by routing it on its own. The units are
     * read before each run; the first run's read is the page's own.
     */
    private Uni<Void> fillPage(
            LevelKey level, List<Position> page, List<BackorderSnapshot> allocated, AtomicBoolean stopped) {
        List<UUID> ids = page.stream().map(Position::orderId).toList();
        return stock.claimable(level)
                .chain(units -> units <= 0
                        ? Uni.createFrom().voidItem()
                        : queue.simple(ids, level.sku()).chain(simple -> {
                            List<List<UUID>> runs = new ArrayList<>();
                            List<UUID> run = new ArrayList<>();
                            for (UUID id : ids) {
                                if (simple.contains(id)) {
                                    run.add(id);
                                    continue;
                                }
                                if (!run.isEmpty()) {
                                    runs.add(run);
                                    run = new ArrayList<>();
                                }
                                runs.add(List.of(id));
                            }
                            if (!run.isEmpty()) {
                                runs.add(run);
                            }
                            return Multi.createFrom()
                                    .range(0, runs.size())
                                    .onItem()
                                    .transformToUniAndConcatenate(i -> {
                                        List<UUID> r = runs.get(i);
                                        if (stopped.get()) {
                                            return Uni.createFrom().voidItem();
                                        }
                                        return (i == 0 ? Uni.createFrom().item(units) : stock.claimable(level))
                                                .chain(left -> left <= 0
                                                        ? Uni.createFrom().voidItem()
                                                        : simple.contains(r.get(0))
                                                                ? batch(level, r, allocated, stopped)
                                                                : one(level, r.get(0), allocated, stopped));
                                    })
                                    .collect()
                                    .asList()
                                    .replaceWithVoid();
                        }));
    }

    private Uni<Void> batch(LevelKey level, List<UUID> ids, List<BackorderSnapshot> allocated, AtomicBoolean stopped) {
        return batches.fill(level, ids)
                .chain(filled -> {
                    allocated.addAll(filled.allocated());
                    if (filled.rest().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    // An order changed since the page was read (another line, another status) is routed on its
                    // own; the orders behind it go on in a batch.
                    List<UUID> rest = filled.rest();
                    return one(level, rest.get(0), allocated, stopped)
                            .chain(() -> stopped.get() || rest.size() == 1
                                    ? Uni.createFrom().voidItem()
                                    : batch(level, rest.subList(1, rest.size()), allocated, stopped));
                })
                .onFailure()
                .recoverWithUni(error -> {
                    // The orders before the one that failed are served; the queue stops at it if it is locked.
                    LOG.warnf(
                            "Batch fill of %d order(s) failed (%s); routing them one by one",
                            ids.size(), error.getMessage());
                    return oneByOne(level, ids, allocated, stopped);
                });
    }

    private Uni<Void> oneByOne(
            LevelKey level, List<UUID> ids, List<BackorderSnapshot> allocated, AtomicBoolean stopped) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(
                        id -> stopped.get() ? Uni.createFrom().voidItem() : one(level, id, allocated, stopped))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private Uni<Void> one(LevelKey level, UUID orderId, List<BackorderSnapshot> allocated, AtomicBoolean stopped) {
        return routing.fillBackorders(orderId)
                .invoke(routed -> allocated.addAll(routed.backordersAllocated()))
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(error -> {
                    if (Contention.is(error)) {
                        // Locked for now: the newer orders behind it must not take its units meanwhile.
                        LOG.infof("Backorder fill of %s waits for order %s: %s", level, orderId, error.getMessage());
                        stopped.set(true);
                    } else if (error instanceof DomainException refused) {
                        // Cancelled or otherwise no longer waiting since the queue was read.
                        LOG.infof("Backorder fill passed over order %s: %s", orderId, refused.getMessage());
                    } else {
                        LOG.errorf(error, "Backorder fill passed over order %s, which cannot be routed", orderId);
                    }
                    return null;
                });
    }

    private void retryLater(LevelKey level) {
        vertx.setTimer(
                config.fillRetryDelay().toMillis(),
                id -> fill(level)
                        .subscribe()
                        .with(
                                ignored -> {},
                                error -> LOG.warnf("Fill of %s retry failed: %s", level, error.getMessage())));
    }
}

package io.oms.inventory.persistence;

import io.oms.infra.sql.Tx;
import io.oms.inventory.domain.LevelKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The bookkeeping of backorder fills per level: one pass at a time per level in the whole cluster (a session
 * advisory lock), the count of fill requests a pass has seen through, and the levels that still want one.
 */
@ApplicationScoped
public class FillPasses {
    /** How long a fill pass holds its level without renewing its lease. */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(60);
    /** This process, in the lease's owner (the pod name in Kubernetes). */
    private static final String OWNER = System.getenv().getOrDefault("HOSTNAME", "oms") + "/"
            + java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private final Pool pool;

    public FillPasses(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code pass} while holding the level's fill lease; null at once when another pass holds it (that pass
     * sees every request made meanwhile, see {@link #finish}). The lease is a row of the level, not a connection:
     * a pass holds no connection while it works, and a replica that dies leaves it for at most {@link #LEASE}.
     * {@code renew} must be called at least once per lease while the pass goes on.
     */
    public <T> Uni<T> exclusively(LevelKey level, java.util.function.Function<Runnable, Uni<T>> pass) {
        String owner = OWNER + "/" + UUID.randomUUID();
        return pool.preparedQuery("""
                        update inventory_levels set fill_owner = $3, fill_lease_until = now() + $4 * interval '1 second'
                        where location_id = $1 and sku = $2
                          and (fill_lease_until is null or fill_lease_until < now())
                        returning 1""")
                .execute(Tuple.of(level.locationId(), level.sku(), owner, (int) LEASE.toSeconds()))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().<T>nullItem();
                    }
                    Runnable renew = () -> pool.preparedQuery("""
                                    update inventory_levels set fill_lease_until = now() + $4 * interval '1 second'
                                    where location_id = $1 and sku = $2 and fill_owner = $3""")
                            .execute(Tuple.of(level.locationId(), level.sku(), owner, (int) LEASE.toSeconds()))
                            .subscribe()
                            .with(ignored -> {}, error -> {});
                    return Uni.createFrom()
                            .deferred(() -> pass.apply(renew))
                            .onTermination()
                            .call(() -> pool.preparedQuery("""
                                            update inventory_levels set fill_owner = null, fill_lease_until = null
                                            where location_id = $1 and sku = $2 and fill_owner = $3""")
                                    .execute(Tuple.of(level.locationId(), level.sku(), owner))
                                    .onFailure()
                                    .recoverWithNull());
                });
    }

    /** How many fills were requested for the level so far. */
    public Uni<Long> requests(LevelKey level) {
        return pool.preparedQuery("select fill_requests from inventory_levels where location_id = $1 and sku = $2")
                .execute(Tuple.of(level.locationId(), level.sku()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
    }

    /**
     * Ends a pass that saw the requests up to {@code seen}: records them done and, when the pass could use no more
     * and nothing was requested meanwhile, drops the hold (what is left is not for anyone waiting). Returns whether
     * more was requested meanwhile (then the pass goes round again).
     */
    public Uni<Boolean> finish(Tx tx, LevelKey level, long seen, boolean releaseHold) {
        return tx.one("""
                        update inventory_levels
                        set fill_done = greatest(fill_done, $3),
                            held = case when $4 and fill_requests <= $3 then 0 else held end
                        where location_id = $1 and sku = $2
                        returning fill_requests > $3""", row -> row.getBoolean(0), level.locationId(), level.sku(), seen, releaseHold)
                .map(more -> more != null && more);
    }

    /** Whether fills were requested for the level that no pass has seen through yet. */
    public Uni<Boolean> pending(LevelKey level) {
        return pool.preparedQuery(
                        "select fill_requests > fill_done from inventory_levels where location_id = $1 and sku = $2")
                .execute(Tuple.of(level.locationId(), level.sku()))
                .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean(0));
    }

    /** Levels that want a fill (requested and not done, or still holding stock), after {@code after}. */
    public Uni<List<LevelKey>> wanting(LevelKey after, int limit) {
        return pool.preparedQuery("""
                        select location_id, sku from inventory_levels
                        where (fill_requests > fill_done or held > 0)
                          and ($1::uuid is null or (location_id, sku) > ($1::uuid, $2::varchar))
                        order by location_id, sku limit $3""")
                .execute(Tuple.from(Arrays.asList(
                        after == null ? null : after.locationId(), after == null ? null : after.sku(), limit)))
                .map(rows -> {
                    List<LevelKey> levels = new ArrayList<>();
                    rows.forEach(row -> levels.add(new LevelKey(row.getUUID(0), row.getString(1))));
                    return levels;
                });
    }

    /** Units of the level the oldest waiting backorders may take: free stock, held units included. */
    public Uni<Integer> claimable(UUID locationId, String sku) {
        return pool.preparedQuery("""
                        select greatest(on_hand - reserved - safety_stock, 0) from inventory_levels
                        where location_id = $1 and sku = $2""")
                .execute(Tuple.of(locationId, sku))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
    }
}

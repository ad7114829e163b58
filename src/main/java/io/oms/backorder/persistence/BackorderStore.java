package io.oms.backorder.persistence;

import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes of backorders, inside the caller's transaction. Every update bumps the row's version. */
@ApplicationScoped
public class BackorderStore {
    private static final String SELECT = "select " + BackorderQueries.COLUMNS + " from backorders b ";

    /**
     * "Open" as a condition no index can serve, for the reads of an order's open backorders (the routing's, on every
     * routing). Written {@code b.status = 'OPEN'}, it let the planner read them through an index on status (or scan
     * a partial index of open backorders whole) and filter every open backorder for the order's few; without
     * statistics (a new database, autovacuum off) it did: 182 buffers per call instead of 3 in a load run, growing
     * with the open backorders (docs/BENCHMARKS.md, "Seventh session"). Hidden from the indexes and the partial
     * indexes' predicate, it leaves the index on order_id, whatever the statistics: an order has few backorders,
     * open or not.
     */
    static final String OPEN_BY_ORDER = "(b.status || '') = 'OPEN'";

    /** The open backorders of one order, oldest first. */
    static final String OPEN_OF =
            SELECT + "where b.order_id = $1 and " + OPEN_BY_ORDER + " order by b.created_at, b.id";

    /** The open backorders of the orders in $1, oldest first. */
    static final String OPEN_OF_ORDERS =
            SELECT + "where b.order_id = any($1) and " + OPEN_BY_ORDER + " order by b.created_at, b.id";

    /** The open backorders of the orders in $1, oldest first, with their orders' destinations and split policies. */
    static final String QUEUED_OF_ORDERS = "select " + BackorderQueries.COLUMNS + ", o.ship_country, o.split_policy"
            + " from backorders b join orders o on o.id = b.order_id"
            + " where b.order_id = any($1) and " + OPEN_BY_ORDER + " order by b.created_at, b.id";

    /** The order's open backorders, oldest first (the order in which they are filled). */
    public Uni<List<BackorderSnapshot>> openOf(Tx tx, UUID orderId) {
        return tx.list(OPEN_OF, BackorderQueries::toSnapshot, orderId);
    }

    /** The open backorders of these orders, oldest first, by order. */
    public Uni<Map<UUID, List<BackorderSnapshot>>> openOfOrders(Tx tx, List<UUID> orderIds) {
        // One order, the common case: a statement over one key keeps its plan (PlannedEachTime).
        Uni<List<BackorderSnapshot>> open = orderIds.size() == 1
                ? openOf(tx, orderIds.get(0))
                : tx.list(OPEN_OF_ORDERS, BackorderQueries::toSnapshot, (Object) orderIds.toArray(UUID[]::new));
        return open.map(rows -> {
            Map<UUID, List<BackorderSnapshot>> byOrder = new java.util.LinkedHashMap<>();
            rows.forEach(b -> byOrder.computeIfAbsent(b.orderId(), k -> new java.util.ArrayList<>())
                    .add(b));
            return byOrder;
        });
    }

    /** An open backorder in the expected-date queue of its SKU, with where its order ships and how it splits. */
    public record Queued(BackorderSnapshot backorder, String country, boolean shipComplete) {}

    /** The open backorders of these SKUs, oldest first, with their orders' destinations. */
    public Uni<List<Queued>> queuedOf(Tx tx, List<String> skus) {
        return queued(
                tx,
                "select " + BackorderQueries.COLUMNS + ", o.ship_country, o.split_policy from backorders b"
                        + " join orders o on o.id = b.order_id"
                        + " where b.sku = any($1) and b.status = 'OPEN' order by b.created_at, b.id",
                skus.toArray(String[]::new));
    }

    /** The open backorders of these orders, oldest first, with the orders' destinations. */
    public Uni<List<Queued>> queuedOfOrders(Tx tx, List<UUID> orderIds) {
        return queued(tx, QUEUED_OF_ORDERS, orderIds.toArray(UUID[]::new));
    }

    private static Uni<List<Queued>> queued(Tx tx, String sql, Object[] keys) {
        return tx.list(
                sql,
                row -> new Queued(
                        BackorderQueries.toSnapshot(row),
                        row.getString("ship_country"),
                        "SHIP_COMPLETE".equals(row.getString("split_policy"))),
                (Object) keys);
    }

    /**
     * The SKUs that SHIP_COMPLETE orders waiting for any of these also wait for (their dates depend on each other).
     * The companions are read through {@code backorders_open_order_idx} (V11): before it, with statistics older
     * than a bulk of new backorders, the planner scanned the whole of {@code backorders_open_expected_idx} once per
     * waiting order (1.2 s per restock of 10,000 backorders).
     */
    public Uni<List<String>> shipCompleteCompanions(Tx tx, List<String> skus) {
        return tx.list("""
                with waiting as materialized (
                    select distinct b.order_id from backorders b join orders o on o.id = b.order_id
                    where b.sku = any($1) and b.status = 'OPEN' and o.split_policy = 'SHIP_COMPLETE')
                select distinct b2.sku from waiting w
                join backorders b2 on b2.order_id = w.order_id and b2.status = 'OPEN'""", row -> row.getString(0), (Object) skus.toArray(String[]::new));
    }

    /** The backorder; null when there is none. */
    public Uni<BackorderSnapshot> find(Tx tx, UUID id) {
        return tx.one(SELECT + "where b.id = $1", BackorderQueries::toSnapshot, id);
    }

    /** A backorder with the customer of its order; null when there is none. */
    public Uni<Owned> findWithOwner(Tx tx, UUID id) {
        return tx.one(
                "select " + BackorderQueries.COLUMNS + ", o.customer_id from backorders b"
                        + " join orders o on o.id = b.order_id where b.id = $1 for update of b",
                row -> new Owned(BackorderQueries.toSnapshot(row), row.getString("customer_id")),
                id);
    }

    /** A backorder and the customer it belongs to. */
    public record Owned(BackorderSnapshot backorder, String customerId) {}

    public Uni<Void> insert(Tx tx, List<BackorderSnapshot> rows, OffsetDateTime now) {
        return tx.batch(
                """
                insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, expected_at,
                    created_at, allocated_at, updated_at, version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0)""",
                rows.stream()
                        .map(b -> Tx.tuple(
                                b.id(),
                                b.orderId(),
                                b.orderLineId(),
                                b.sku(),
                                b.quantity(),
                                b.status().name(),
                                b.decision().name(),
                                b.expectedAt(),
                                b.createdAt(),
                                b.allocatedAt(),
                                now))
                        .toList());
    }

    /** Backorders taken whole: ALLOCATED (with the time) or CANCELLED. */
    public Uni<Void> close(Tx tx, List<UUID> ids, BackorderStatus status, OffsetDateTime now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.execute("""
                update backorders set status = $2::varchar, updated_at = $3, version = version + 1,
                    allocated_at = case when $2::varchar = 'ALLOCATED' then $3 else allocated_at end
                where id = any($1)""", ids.toArray(UUID[]::new), status.name(), now).replaceWithVoid();
    }

    /** Backorders taken in part: their new (smaller) open quantity. */
    public Uni<Void> resize(Tx tx, Map<UUID, Integer> quantities, OffsetDateTime now) {
        return tx.batch(
                "update backorders set quantity = $2, updated_at = $3, version = version + 1 where id = $1",
                quantities.entrySet().stream()
                        .map(e -> Tx.tuple(e.getKey(), e.getValue(), now))
                        .toList());
    }

    /** New expected dates of open backorders (the date may be null: nothing incoming reaches it). */
    public Uni<Void> redate(Tx tx, Map<UUID, OffsetDateTime> dates, OffsetDateTime now) {
        List<Tuple> rows = dates.entrySet().stream()
                .map(e -> Tx.tuple(e.getKey(), e.getValue(), now))
                .toList();
        return tx.batch("""
                update backorders set expected_at = $2, updated_at = $3, version = version + 1
                where id = $1 and expected_at is distinct from $2""", rows);
    }

    public Uni<Void> decide(Tx tx, UUID id, BackorderDecision decision, OffsetDateTime now) {
        return tx.execute(
                        "update backorders set decision = $2, updated_at = $3, version = version + 1 where id = $1",
                        id,
                        decision.name(),
                        now)
                .replaceWithVoid();
    }
}

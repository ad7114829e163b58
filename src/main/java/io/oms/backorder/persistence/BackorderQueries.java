package io.oms.backorder.persistence;

import static io.oms.infra.sql.Rows.utc;

import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderFilter;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderSort;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.domain.BackorderTotals;
import io.oms.backorder.domain.SkuBacklog;
import io.oms.infra.sql.KeysetPages;
import io.oms.infra.sql.Where;
import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

@ApplicationScoped
public class BackorderQueries {
    static final String COLUMNS = """
            b.id, b.order_id, b.order_line_id, b.sku, b.quantity, b.status, b.decision, b.expected_at,
            b.created_at, b.allocated_at""";

    private final Pool pool;

    public BackorderQueries(Pool pool) {
        this.pool = pool;
    }

    /** Either way by creation; by status or sku served by backorders_status_idx, backorders_sku_status_idx (V2). */
    public Uni<Page<BackorderSnapshot>> page(BackorderFilter filter, BackorderSort sort, PageRequest request) {
        Function<BackorderSnapshot, Cursor> cursorOf =
                b -> new Cursor(b.createdAt().toInstant(), b.id());
        Where where = new Where();
        if (filter.sku() != null) {
            where.and("b.sku = $%d", filter.sku());
        }
        if (filter.status() != null) {
            where.and("b.status = $%d", filter.status().name());
        }
        return KeysetPages.page(
                pool,
                "select " + COLUMNS + " from backorders b",
                "from backorders b",
                sort == BackorderSort.CREATED_AT_ASC
                        ? KeysetPages.Keyset.oldestFirst("b.created_at", "b.id", cursorOf)
                        : KeysetPages.Keyset.newestFirst("b.created_at", "b.id", cursorOf),
                where,
                request,
                BackorderQueries::toSnapshot);
    }

    /** Backorders by id, oldest first; absent ids are left out. */
    public Uni<List<BackorderSnapshot>> byIds(List<UUID> ids) {
        return pool.preparedQuery("select " + COLUMNS + " from backorders b where b.id = any($1) "
                        + "order by b.created_at, b.id")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<BackorderSnapshot> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toSnapshot(row)));
                    return list;
                });
    }

    public Uni<Map<UUID, List<BackorderSnapshot>>> ofOrders(List<UUID> orderIds) {
        return pool.preparedQuery("select " + COLUMNS + " " + """
                 from backorders b where b.order_id = any($1) order by b.order_id, b.created_at, b.id""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<BackorderSnapshot>> byOrder = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        BackorderSnapshot backorder = toSnapshot(row);
                        byOrder.computeIfAbsent(backorder.orderId(), id -> new ArrayList<>())
                                .add(backorder);
                    });
                    return byOrder;
                });
    }

    /**
     * The SKUs with open backorders, one descent of {@code backorders_open_sku_idx} (V12_5) per SKU: a loose index
     * scan, since PostgreSQL 15 has no skip scan and a DISTINCT would read every open backorder.
     */
    private static final String OPEN_SKUS = """
            with recursive skus (sku) as (
                (select sku from backorders where status = 'OPEN' order by sku limit 1)
                union all
                select (select b.sku from backorders b where b.status = 'OPEN' and b.sku > skus.sku
                        order by b.sku limit 1)
                from skus where skus.sku is not null)""";

    /** Each SKU's oldest open backorder, the key of the list of SKUs waiting longest first. */
    private static final String OLDEST_PER_SKU = "(" + OPEN_SKUS + """

            select oldest.sku, oldest.created_at, oldest.id from skus cross join lateral (
                select b.sku, b.created_at, b.id from backorders b where b.status = 'OPEN' and b.sku = skus.sku
                order by b.created_at, b.id limit 1) oldest) s""";

    /**
     * Open backorders, their units and their SKUs, from backorders_open_sku_idx (V12_5) only: one index-only scan of
     * the open backorders for the first two, one descent per SKU for the third (PostgreSQL 15's count(distinct)
     * would sort every open backorder's SKU).
     */
    public Uni<BackorderTotals> totals() {
        return pool.query(OPEN_SKUS + """

                        select count(*)::int as open_count, coalesce(sum(quantity), 0)::int as units,
                               (select count(*) from skus where sku is not null)::int as skus
                        from backorders where status = 'OPEN'""").execute().map(rows -> {
            Row row = rows.iterator().next();
            return new BackorderTotals(row.getInteger("open_count"), row.getInteger("units"), row.getInteger("skus"));
        });
    }

    /**
     * What waits for each SKU, the SKU waiting longest first (by its oldest open backorder, then that backorder's
     * id): the page of SKUs, then the figures of only those SKUs. The page finds each SKU's oldest open backorder
     * with one descent of backorders_open_sku_idx per SKU and sorts those (the cost grows with the SKUs waiting, not
     * with the backorders); the figures read only the page's SKUs' entries. They are read a moment after the page,
     * so a SKU whose last backorder was filled in between shows zero open.
     */
    public Uni<Page<SkuBacklog>> bySku(PageRequest request) {
        return KeysetPages.page(
                        pool,
                        "select s.sku, s.created_at, s.id from " + OLDEST_PER_SKU,
                        "from " + OLDEST_PER_SKU,
                        KeysetPages.Keyset.<Oldest>oldestFirst(
                                "s.created_at",
                                "s.id",
                                o -> new Cursor(o.createdAt().toInstant(), o.id())),
                        new Where(),
                        request,
                        row -> new Oldest(row.getString("sku"), utc(row, "created_at"), row.getUUID("id")))
                .chain(page -> figures(
                                page.edges().stream().map(e -> e.node().sku()).toList())
                        .map(figures -> new Page<>(
                                page.edges().stream()
                                        .map(e -> new Page.Edge<>(e.cursor(), backlog(e.node(), figures)))
                                        .toList(),
                                page.hasNextPage(),
                                page.hasPreviousPage(),
                                page.totalCount())));
    }

    private record Oldest(String sku, OffsetDateTime createdAt, UUID id) {}

    private record Figures(int openCount, int units, OffsetDateTime nextExpectedAt) {}

    private static SkuBacklog backlog(Oldest oldest, Map<String, Figures> figures) {
        Figures f = figures.getOrDefault(oldest.sku(), new Figures(0, 0, null));
        return new SkuBacklog(oldest.sku(), f.openCount(), f.units(), oldest.createdAt(), f.nextExpectedAt());
    }

    /** The open backorders, units and earliest expected date of these SKUs (backorders_open_sku_idx only). */
    private Uni<Map<String, Figures>> figures(List<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                        select sku, count(*)::int as open_count, sum(quantity)::int as units,
                               min(expected_at) as next_expected_at
                        from backorders where status = 'OPEN' and sku = any($1) group by sku""")
                .execute(Tuple.of(skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Figures> bySku = new HashMap<>();
                    rows.forEach(row -> bySku.put(
                            row.getString("sku"),
                            new Figures(
                                    row.getInteger("open_count"),
                                    row.getInteger("units"),
                                    utc(row, "next_expected_at"))));
                    return bySku;
                });
    }

    static BackorderSnapshot toSnapshot(Row row) {
        return new BackorderSnapshot(
                row.getUUID("id"),
                row.getUUID("order_id"),
                row.getUUID("order_line_id"),
                row.getString("sku"),
                row.getInteger("quantity"),
                BackorderStatus.valueOf(row.getString("status")),
                BackorderDecision.valueOf(row.getString("decision")),
                utc(row, "expected_at"),
                utc(row, "created_at"),
                utc(row, "allocated_at"));
    }
}

package io.oms.backorder.persistence;

import static io.oms.infra.sql.Rows.utc;

import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderFilter;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderSort;
import io.oms.backorder.domain.BackorderStatus;
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
import java.util.ArrayList;
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

package io.oms.fulfillment.persistence;

import static io.oms.infra.sql.Rows.utc;

import io.oms.fulfillment.domain.FulfillmentOrderFilter;
import io.oms.fulfillment.domain.FulfillmentOrderLineSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderSort;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.infra.sql.KeysetPages;
import io.oms.infra.sql.Tx;
import io.oms.infra.sql.Where;
import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Read side of fulfillment orders, on the pool, batched by parent where GraphQL nests them. */
@ApplicationScoped
public class FulfillmentQueries {
    private static final String COLUMNS = """
            f.id, f.order_id, f.location_id, f.routing_pass, f.status, f.carrier, f.tracking_number,
            f.estimated_delivery_at, f.created_at, f.updated_at""";

    private final Pool pool;

    public FulfillmentQueries(Pool pool) {
        this.pool = pool;
    }

    /** Either way by creation; by location or status served by fulfillment_orders_location_idx, _status_idx (V2). */
    public Uni<Page<FulfillmentOrderSnapshot>> page(
            FulfillmentOrderFilter filter, FulfillmentOrderSort sort, PageRequest request) {
        Function<FulfillmentOrderSnapshot, Cursor> cursorOf =
                f -> new Cursor(f.createdAt().toInstant(), f.id());
        Where where = new Where();
        if (filter.locationId() != null) {
            where.and("f.location_id = $%d", filter.locationId());
        }
        if (filter.status() != null) {
            where.and("f.status = $%d", filter.status().name());
        }
        return KeysetPages.page(
                pool,
                "select " + COLUMNS + " from fulfillment_orders f",
                "from fulfillment_orders f",
                sort == FulfillmentOrderSort.CREATED_AT_ASC
                        ? KeysetPages.Keyset.oldestFirst("f.created_at", "f.id", cursorOf)
                        : KeysetPages.Keyset.newestFirst("f.created_at", "f.id", cursorOf),
                where,
                request,
                FulfillmentQueries::toSnapshot);
    }

    public Uni<FulfillmentOrderSnapshot> byId(UUID id) {
        return byId(pool, id);
    }

    /** The fulfillment order as the transaction sees it: what a command answers, read before it commits. */
    public Uni<FulfillmentOrderSnapshot> byId(Tx tx, UUID id) {
        return byId(tx.client(), id);
    }

    private static Uni<FulfillmentOrderSnapshot> byId(SqlClient client, UUID id) {
        return client.preparedQuery("select " + COLUMNS + " from fulfillment_orders f where f.id = $1")
                .execute(Tuple.of(id))
                .map(rows ->
                        rows.iterator().hasNext() ? toSnapshot(rows.iterator().next()) : null);
    }

    public Uni<Map<UUID, List<FulfillmentOrderSnapshot>>> ofOrders(List<UUID> orderIds) {
        return pool.preparedQuery("select " + COLUMNS + " " + """
                 from fulfillment_orders f where f.order_id = any($1) order by f.order_id, f.created_at, f.id""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<FulfillmentOrderSnapshot>> byOrder = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        FulfillmentOrderSnapshot fo = toSnapshot(row);
                        byOrder.computeIfAbsent(fo.orderId(), id -> new ArrayList<>())
                                .add(fo);
                    });
                    return byOrder;
                });
    }

    public Uni<Map<UUID, List<FulfillmentOrderLineSnapshot>>> linesOf(List<UUID> fulfillmentOrderIds) {
        return pool.preparedQuery("""
                select fl.fulfillment_order_id, fl.order_line_id, fl.sku, fl.quantity
                from fulfillment_order_lines fl join order_lines l on l.id = fl.order_line_id
                where fl.fulfillment_order_id = any($1) order by fl.fulfillment_order_id, l.line_no""")
                .execute(Tuple.of(fulfillmentOrderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<FulfillmentOrderLineSnapshot>> byFo = new LinkedHashMap<>();
                    rows.forEach(row -> byFo.computeIfAbsent(row.getUUID(0), id -> new ArrayList<>())
                            .add(new FulfillmentOrderLineSnapshot(
                                    row.getUUID(0), row.getUUID(1), row.getString(2), row.getInteger(3))));
                    return byFo;
                });
    }

    private static FulfillmentOrderSnapshot toSnapshot(Row row) {
        return new FulfillmentOrderSnapshot(
                row.getUUID("id"),
                row.getUUID("order_id"),
                row.getUUID("location_id"),
                row.getInteger("routing_pass"),
                FulfillmentOrderStatus.valueOf(row.getString("status")),
                row.getString("carrier"),
                row.getString("tracking_number"),
                utc(row, "estimated_delivery_at"),
                utc(row, "created_at"),
                utc(row, "updated_at"));
    }
}

package io.oms.fulfillment.persistence;

import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.GiveBack;
import io.oms.fulfillment.domain.PendingLine;
import io.oms.fulfillment.domain.Shipment;
import io.oms.infra.sql.Rows;
import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes of fulfillment orders and their lines, inside the caller's transaction. Updates bump the version. */
@ApplicationScoped
public class FulfillmentStore {
    /** Fulfillment orders with their location's code and their lines, one row per line. */
    private static final String WITH_LINES = """
            select f.id, f.order_id, f.location_id, l.code, f.routing_pass, f.status, f.carrier, f.tracking_number,
                   f.created_at, fl.order_line_id, fl.sku, fl.quantity
            from fulfillment_orders f join locations l on l.id = f.location_id
            left join fulfillment_order_lines fl on fl.fulfillment_order_id = f.id
            """;

    /** A fulfillment order to write: where it ships from, what it holds, when it should arrive. */
    public record NewShipment(
            UUID id, UUID locationId, List<Shipment.Line> lines, OffsetDateTime estimatedDeliveryAt) {}

    /** The order a fulfillment order belongs to, without locking it (so the order can be locked first). */
    public Uni<UUID> orderOf(Tx tx, UUID fulfillmentOrderId) {
        return tx.one(
                "select order_id from fulfillment_orders where id = $1", row -> row.getUUID(0), fulfillmentOrderId);
    }

    public Uni<Shipment> find(Tx tx, UUID id) {
        return tx.execute(WITH_LINES + "where f.id = $1 order by fl.sku, fl.order_line_id", id)
                .map(rows -> {
                    List<Shipment> shipments = shipments(rows);
                    return shipments.isEmpty() ? null : shipments.get(0);
                });
    }

    /** The order's fulfillment orders in these statuses with their lines, newest first. */
    public Uni<List<Shipment>> ofOrder(Tx tx, UUID orderId, List<FulfillmentOrderStatus> statuses) {
        return tx.execute(
                        WITH_LINES + """
                where f.order_id = $1 and f.status = any($2)
                order by f.created_at desc, f.id, fl.sku, fl.order_line_id""",
                        orderId,
                        statuses.stream().map(Enum::name).toArray(String[]::new))
                .map(FulfillmentStore::shipments);
    }

    /** The OPEN shipments at a location that hold a SKU, with all their lines. */
    public Uni<List<Shipment>> openAt(Tx tx, UUID locationId, String sku) {
        return tx.execute(WITH_LINES + """
                        where f.id in (select fl2.fulfillment_order_id from fulfillment_order_lines fl2
                                       join fulfillment_orders f2 on f2.id = fl2.fulfillment_order_id
                                       where f2.location_id = $1 and f2.status = 'OPEN' and fl2.sku = $2)
                        order by f.created_at desc, f.id, fl.sku, fl.order_line_id""", locationId, sku).map(FulfillmentStore::shipments);
    }

    /** The next routing pass of an order: 1 for its first routing, then one more per re-routing or move. */
    public Uni<Integer> nextRoutingPass(Tx tx, UUID orderId) {
        return tx.one(
                "select coalesce(max(routing_pass), 0) + 1 from fulfillment_orders where order_id = $1",
                row -> row.getInteger(0),
                orderId);
    }

    /**
     * Inserts one order's shipments (at least one) as its next routing pass, with their lines, and returns the pass.
     * The pass is computed by the insert itself, one multi-row statement whose subquery sees the order's shipments
     * as they were before it, so that routing an order does not read it first: the caller has locked the order, so
     * no other pass of it is being written.
     */
    public Uni<Integer> insertPass(Tx tx, UUID orderId, List<NewShipment> shipments, OffsetDateTime now) {
        List<Tuple> rows = new ArrayList<>(shipments.size());
        List<Tuple> lines = new ArrayList<>();
        for (NewShipment s : shipments) {
            rows.add(Tx.tuple(s.id(), orderId, s.locationId(), s.estimatedDeliveryAt(), now));
            s.lines().forEach(l -> lines.add(Tx.tuple(s.id(), l.orderLineId(), l.sku(), l.quantity())));
        }
        return tx.insertReturning("""
                insert into fulfillment_orders (id, order_id, location_id, routing_pass, status, estimated_delivery_at,
                    created_at, updated_at, version, order_placed_at)
                values ($1, $2, $3,
                    (select coalesce(max(f.routing_pass), 0) + 1 from fulfillment_orders f where f.order_id = $2),
                    'OPEN', $4, $5, $5, 0, (select o.placed_at from orders o where o.id = $2))
                returning routing_pass""", rows, row -> row.getInteger(0))
                .call(() -> tx.batch("""
                        insert into fulfillment_order_lines (fulfillment_order_id, order_line_id, sku, quantity)
                        values ($1, $2, $3, $4)""", lines))
                .map(passes -> passes.get(0));
    }

    /** The new shipments of one order's routing pass. */
    public record NewShipments(UUID orderId, int routingPass, List<NewShipment> shipments) {}

    /**
     * Inserts the shipments of many orders with their lines: two statements in all, each with one array per column
     * (a fill batch of 500 orders binds 6 parameters, not 3,000: planning a VALUES list that long took 86 ms); one
     * order's few shipments and lines as rows of parameters instead. Each shipment takes its order's placed_at from
     * the order row (V14), in the same statement.
     */
    public Uni<Void> insertAll(Tx tx, List<NewShipments> all, OffsetDateTime now) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> orderIds = new ArrayList<>();
        List<UUID> locationIds = new ArrayList<>();
        List<Integer> passes = new ArrayList<>();
        List<OffsetDateTime> deliveries = new ArrayList<>();
        List<UUID> lineShipments = new ArrayList<>();
        List<UUID> lineIds = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (NewShipments pass : all) {
            for (NewShipment s : pass.shipments()) {
                ids.add(s.id());
                orderIds.add(pass.orderId());
                locationIds.add(s.locationId());
                passes.add(pass.routingPass());
                deliveries.add(s.estimatedDeliveryAt());
                for (var l : s.lines()) {
                    lineShipments.add(s.id());
                    lineIds.add(l.orderLineId());
                    skus.add(l.sku());
                    quantities.add(l.quantity());
                }
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (all.size() == 1) {
            // One order's routing, the common case: rows of parameters, so that PostgreSQL keeps the statements'
            // plans, where a list is planned at each execution and prepared in a round trip of its own
            // (PlannedEachTime).
            List<Tuple> shipments = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                shipments.add(Tx.tuple(
                        ids.get(i), orderIds.get(i), locationIds.get(i), passes.get(i), deliveries.get(i), now));
            }
            List<Tuple> lines = new ArrayList<>(lineIds.size());
            for (int i = 0; i < lineIds.size(); i++) {
                lines.add(Tx.tuple(lineShipments.get(i), lineIds.get(i), skus.get(i), quantities.get(i)));
            }
            return tx.batch("""
                    insert into fulfillment_orders (id, order_id, location_id, routing_pass, status,
                        estimated_delivery_at, created_at, updated_at, version, order_placed_at)
                    values ($1, $2, $3, $4, 'OPEN', $5, $6, $6, 0, (select o.placed_at from orders o where o.id = $2))""", shipments).chain(() -> tx.batch("""
                            insert into fulfillment_order_lines (fulfillment_order_id, order_line_id, sku, quantity)
                            values ($1, $2, $3, $4)""", lines));
        }
        return tx.execute(
                        """
                insert into fulfillment_orders (id, order_id, location_id, routing_pass, status, estimated_delivery_at,
                    created_at, updated_at, version, order_placed_at)
                select v.id, v.order_id, v.location_id, v.routing_pass, 'OPEN', v.delivery, $6, $6, 0,
                       (select o.placed_at from orders o where o.id = v.order_id)
                from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[])
                    as v(id, order_id, location_id, routing_pass, delivery)""",
                        ids.toArray(UUID[]::new),
                        orderIds.toArray(UUID[]::new),
                        locationIds.toArray(UUID[]::new),
                        passes.toArray(Integer[]::new),
                        deliveries.toArray(OffsetDateTime[]::new),
                        now)
                .chain(() -> tx.execute(
                        """
                        insert into fulfillment_order_lines (fulfillment_order_id, order_line_id, sku, quantity)
                        select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])""",
                        lineShipments.toArray(UUID[]::new),
                        lineIds.toArray(UUID[]::new),
                        skus.toArray(String[]::new),
                        quantities.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /**
     * The next routing pass of each order: 1 for its first routing, then one more per re-routing or move. A
     * subquery per order, not a join: without statistics on fulfillment_orders.order_id the planner expected
     * thousands of rows per order and merge-joined the whole of its index (200 ms for a fill batch of 500 orders at a
     * million orders, bench/scale R.26); a subquery per order is an index lookup whatever the statistics.
     */
    public Uni<Map<UUID, Integer>> nextRoutingPasses(Tx tx, List<UUID> orderIds) {
        if (orderIds.size() == 1) {
            // One order, the common case: a statement over one key keeps its plan (PlannedEachTime).
            UUID orderId = orderIds.get(0);
            return nextRoutingPass(tx, orderId).map(pass -> Map.of(orderId, pass));
        }
        return tx.list("""
                        select o.id, coalesce((select max(f.routing_pass) from fulfillment_orders f
                                               where f.order_id = o.id), 0) + 1
                        from unnest($1::uuid[]) as o(id)""", row -> Map.entry(row.getUUID(0), row.getInteger(1)), (Object) orderIds.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Integer> passes = new LinkedHashMap<>();
                    rows.forEach(e -> passes.put(e.getKey(), e.getValue()));
                    return passes;
                });
    }

    public Uni<Void> setStatus(
            Tx tx, UUID id, FulfillmentOrderStatus status, String carrier, String trackingNumber, OffsetDateTime now) {
        return tx.execute("""
                update fulfillment_orders set status = $2, carrier = coalesce($3, carrier),
                    tracking_number = coalesce($4, tracking_number), updated_at = $5, version = version + 1
                where id = $1""", id, status.name(), carrier, trackingNumber, now).replaceWithVoid();
    }

    /** Shrinks lines (a line left with nothing is removed) and cancels the shipments left empty. */
    public Uni<Void> shrink(Tx tx, GiveBack.Plan plan, OffsetDateTime now) {
        List<Tuple> resized = plan.shrinks().stream()
                .filter(s -> s.remaining() > 0)
                .map(s -> Tx.tuple(s.fulfillmentOrderId(), s.orderLineId(), s.remaining()))
                .toList();
        List<Tuple> removed = plan.shrinks().stream()
                .filter(s -> s.remaining() == 0)
                .map(s -> Tx.tuple(s.fulfillmentOrderId(), s.orderLineId()))
                .toList();
        List<UUID> touched = plan.shrinks().stream()
                .map(GiveBack.Shrink::fulfillmentOrderId)
                .distinct()
                .toList();
        return tx.batch("""
                update fulfillment_order_lines set quantity = $3
                where fulfillment_order_id = $1 and order_line_id = $2""", resized)
                .chain(() -> tx.batch("""
                        delete from fulfillment_order_lines where fulfillment_order_id = $1 and order_line_id = $2""", removed))
                .chain(() -> touched.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.execute(
                                        """
                        update fulfillment_orders set updated_at = $2, version = version + 1,
                            status = case when id = any($3) then 'CANCELLED' else status end
                        where id = any($1)""",
                                        touched.toArray(UUID[]::new),
                                        now,
                                        plan.emptied().toArray(UUID[]::new))
                                .replaceWithVoid());
    }

    /** Moves a fulfillment order to another location, as a new routing pass of its order. */
    public Uni<Void> relocate(Tx tx, UUID id, UUID locationId, int routingPass, OffsetDateTime now) {
        return tx.execute("""
                update fulfillment_orders set location_id = $2, routing_pass = $3, updated_at = $4,
                    version = version + 1
                where id = $1""", id, locationId, routingPass, now).replaceWithVoid();
    }

    /** Lines of the order's other shipments that have not left yet: what is still to follow. */
    public Uni<List<PendingLine>> pendingOfOthers(Tx tx, UUID orderId, UUID except) {
        return tx.list(
                """
                select fl.sku, fl.quantity, f.estimated_delivery_at from fulfillment_order_lines fl
                join fulfillment_orders f on f.id = fl.fulfillment_order_id
                where f.order_id = $1 and f.id <> $2 and f.status in ('OPEN','PICKING','PICKED','PACKED')
                order by f.created_at, fl.sku""",
                row -> new PendingLine(row.getString(0), row.getInteger(1), Rows.utc(row, "estimated_delivery_at")),
                orderId,
                except);
    }

    /** True when no fulfillment order of the order is SHIPPED but not yet DELIVERED. */
    public Uni<Boolean> everyShipmentDelivered(Tx tx, UUID orderId) {
        return tx.one(
                "select count(*) from fulfillment_orders where order_id = $1 and status = 'SHIPPED'",
                row -> row.getLong(0) == 0,
                orderId);
    }

    private static List<Shipment> shipments(Iterable<Row> rows) {
        Map<UUID, Shipment> byId = new LinkedHashMap<>();
        Map<UUID, List<Shipment.Line>> lines = new LinkedHashMap<>();
        for (Row row : rows) {
            UUID id = row.getUUID(0);
            byId.computeIfAbsent(
                    id,
                    k -> new Shipment(
                            id,
                            row.getUUID(1),
                            row.getUUID(2),
                            row.getString(3),
                            row.getInteger(4),
                            FulfillmentOrderStatus.valueOf(row.getString(5)),
                            row.getString(6),
                            row.getString(7),
                            Rows.utc(row, "created_at"),
                            List.of()));
            List<Shipment.Line> own = lines.computeIfAbsent(id, k -> new ArrayList<>());
            if (row.getUUID(9) != null) {
                own.add(new Shipment.Line(row.getUUID(9), row.getString(10), row.getInteger(11)));
            }
        }
        List<Shipment> result = new ArrayList<>();
        byId.forEach((id, s) -> result.add(new Shipment(
                s.id(),
                s.orderId(),
                s.locationId(),
                s.locationCode(),
                s.routingPass(),
                s.status(),
                s.carrier(),
                s.trackingNumber(),
                s.createdAt(),
                lines.get(id))));
        return result;
    }
}

package io.oms.fulfillment.persistence;

import io.oms.kernel.Times;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FulfillmentOrderRepository implements PanacheRepositoryBase<FulfillmentOrderEntity, UUID> {

    /** A fulfillment order line: which order line, which SKU, how many. */
    public record Line(UUID orderLineId, String sku, int quantity) {
    }

    /** A line of another shipment of the same order that has not left yet. */
    public record Pending(String sku, int quantity, OffsetDateTime estimatedDeliveryAt) {
    }

    /** The next routing pass of an order: 1 for its first routing, then one more per re-routing. */
    public Uni<Integer> nextRoutingPass(UUID orderId) {
        return getSession().chain(session -> session.createNativeQuery(
                "select coalesce(max(routing_pass), 0) + 1 from fulfillment_orders where order_id = :orderId",
                Integer.class)
                .setParameter("orderId", orderId)
                .getSingleResult());
    }

    public Uni<Void> addLine(UUID fulfillmentOrderId, UUID orderLineId, String sku, int quantity) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into fulfillment_order_lines (fulfillment_order_id, order_line_id, sku, quantity)
                values (:fo, :line, :sku, :quantity)""")
                .setParameter("fo", fulfillmentOrderId)
                .setParameter("line", orderLineId)
                .setParameter("sku", sku)
                .setParameter("quantity", quantity)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** Sets a line's quantity; zero removes the line. */
    public Uni<Void> resizeLine(UUID fulfillmentOrderId, UUID orderLineId, int quantity) {
        String sql = quantity == 0
                ? "delete from fulfillment_order_lines where fulfillment_order_id = :fo and order_line_id = :line"
                : "update fulfillment_order_lines set quantity = :quantity where fulfillment_order_id = :fo"
                        + " and order_line_id = :line";
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql)
                    .setParameter("fo", fulfillmentOrderId)
                    .setParameter("line", orderLineId);
            if (quantity > 0) {
                query.setParameter("quantity", quantity);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<List<Line>> linesOf(UUID fulfillmentOrderId) {
        return getSession().chain(session -> session.createNativeQuery("""
                select order_line_id, sku, quantity from fulfillment_order_lines
                where fulfillment_order_id = :fo order by sku, order_line_id""", Object[].class)
                .setParameter("fo", fulfillmentOrderId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Line((UUID) r[0], (String) r[1], ((Number) r[2]).intValue())).toList());
    }

    /** The order a fulfillment order belongs to, without loading it (so the order can be locked first). */
    public Uni<UUID> orderIdOf(UUID fulfillmentOrderId) {
        return getSession().chain(session -> session.createNativeQuery(
                "select order_id from fulfillment_orders where id = :fo", UUID.class)
                .setParameter("fo", fulfillmentOrderId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Lines of the order's other shipments that have not left yet: what is still to follow. */
    public Uni<List<Pending>> pendingLinesOfOtherShipments(UUID orderId, UUID except) {
        return getSession().chain(session -> session.createNativeQuery("""
                select fl.sku, fl.quantity, f.estimated_delivery_at from fulfillment_order_lines fl
                join fulfillment_orders f on f.id = fl.fulfillment_order_id
                where f.order_id = :orderId and f.id <> :except and f.status in ('OPEN','PICKING','PICKED','PACKED')
                order by f.created_at, fl.sku""", Object[].class)
                .setParameter("orderId", orderId)
                .setParameter("except", except)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Pending((String) r[0], ((Number) r[1]).intValue(),
                        Times.utc(r[2]))).toList());
    }

    /** True when no fulfillment order of the order is SHIPPED but not yet DELIVERED. */
    public Uni<Boolean> everyShipmentDelivered(UUID orderId) {
        return getSession().chain(session -> session.createNativeQuery(
                "select count(*) from fulfillment_orders where order_id = :orderId and status = 'SHIPPED'",
                Long.class)
                .setParameter("orderId", orderId)
                .getSingleResult())
                .map(count -> count == 0);
    }
}

package io.oms.fulfillment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FulfillmentOrderRepository implements PanacheRepositoryBase<FulfillmentOrderEntity, UUID> {

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
}

package io.oms.order.app;

import io.oms.audit.AuditRecorder;
import io.oms.fulfillment.persistence.FulfillmentOrderRepository;
import io.oms.order.domain.LineProgress;
import io.oms.order.domain.OrderProgress;
import io.oms.order.domain.OrderStatus;
import io.oms.order.persistence.OrderEntity;
import io.oms.order.persistence.OrderLineEntity;
import io.oms.order.persistence.OrderRepository;
import io.oms.kernel.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Moves an order to the status its lines and shipments imply (DESIGN.md, "fulfillment progress drives the
 * order"), one audited transition at a time, inside the caller's transaction.
 */
@ApplicationScoped
public class OrderStatusFollower {
    private final OrderRepository orders;
    private final FulfillmentOrderRepository fulfillmentOrders;
    private final AuditRecorder audit;

    public OrderStatusFollower(OrderRepository orders, FulfillmentOrderRepository fulfillmentOrders,
            AuditRecorder audit) {
        this.orders = orders;
        this.fulfillmentOrders = fulfillmentOrders;
        this.audit = audit;
    }

    public Uni<Void> follow(OrderEntity order, List<OrderLineEntity> lines, Caller caller, String note,
            OffsetDateTime now) {
        return fulfillmentOrders.everyShipmentDelivered(order.id).chain(delivered -> {
            List<OrderStatus> path = OrderProgress.path(order.status, lines.stream().map(l -> new LineProgress(
                    l.quantity, l.quantityAllocated, l.quantityBackordered, l.quantityCancelled, l.quantityShipped))
                    .toList(), delivered);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (OrderStatus next : path) {
                chain = chain.chain(() -> {
                    OrderStatus from = order.status;
                    order.status = from.moveTo(next);
                    order.updatedAt = now;
                    return audit.record(order.id, "STATUS_CHANGED", from.name(), next.name(), caller.actor(), note,
                            Map.of(), now);
                });
            }
            return chain;
        }).chain(() -> orders.flush());
    }
}

package io.oms.order.app;

import io.oms.infra.sql.Tx;
import io.oms.kernel.NotFoundException;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.persistence.OrderStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The order capability's front door for the use cases that change an order, its own and routing's: the order
 * locked for the transaction, its lines with their {@link io.oms.order.domain.LineQuantities}, and writing back
 * what changed.
 */
@ApplicationScoped
public class Orders {
    private final OrderStore store;

    public Orders(OrderStore store) {
        this.store = store;
    }

    /** The order, locked until the transaction ends; NOT_FOUND when there is none. */
    public Uni<Order> lock(Tx tx, UUID orderId) {
        return store.lock(tx, orderId).map(order -> {
            if (order == null) {
                throw new NotFoundException("Order", orderId);
            }
            return order;
        });
    }

    /** The order's lines, in the order they were placed. */
    public Uni<List<OrderLine>> lines(Tx tx, UUID orderId) {
        return store.lines(tx, orderId);
    }

    /** Writes the order and lines that changed. */
    public Uni<Void> save(Tx tx, Order order, List<OrderLine> lines) {
        return store.save(tx, order, lines);
    }

    public Uni<Void> save(Tx tx, Order order) {
        return store.save(tx, order, List.of());
    }
}

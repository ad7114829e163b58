package io.oms.order.app;

import io.oms.infra.sql.Tx;
import io.oms.kernel.NotFoundException;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderWithLines;
import io.oms.order.persistence.OrderQueries;
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
    private final OrderQueries queries;

    public Orders(OrderStore store, OrderQueries queries) {
        this.store = store;
        this.queries = queries;
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

    /** {@link #lock} and {@link #lines} in one statement. */
    public Uni<OrderWithLines> lockWithLines(Tx tx, UUID orderId) {
        return store.lockWithLines(tx, orderId).map(locked -> {
            if (locked == null) {
                throw new NotFoundException("Order", orderId);
            }
            return locked;
        });
    }

    /** The order's lines, in the order they were placed. */
    public Uni<List<OrderLine>> lines(Tx tx, UUID orderId) {
        return store.lines(tx, orderId);
    }

    /** Several orders locked in id order; NOT_FOUND when one is missing. */
    public Uni<List<Order>> lockAll(Tx tx, List<UUID> orderIds) {
        return store.lockAll(tx, orderIds).invoke(found -> {
            if (found.size() != orderIds.stream().distinct().count()) {
                throw new NotFoundException("Order", orderIds.get(0));
            }
        });
    }

    /** The lines of several orders, by order. */
    public Uni<java.util.Map<UUID, List<OrderLine>>> linesOf(Tx tx, List<UUID> orderIds) {
        return store.linesOf(tx, orderIds);
    }

    /** Writes the orders and lines that changed. */
    public Uni<Void> saveAll(Tx tx, List<Order> orders, List<OrderLine> lines) {
        return store.saveAll(tx, orders, lines);
    }

    /** Writes the order and lines that changed. */
    public Uni<Void> save(Tx tx, Order order, List<OrderLine> lines) {
        return store.save(tx, order, lines);
    }

    /** The order as the transaction sees it: what a command answers, read before it commits. */
    public Uni<OrderSnapshot> snapshot(Tx tx, UUID orderId) {
        return queries.byId(tx, orderId);
    }

    public Uni<Void> save(Tx tx, Order order) {
        return store.save(tx, order, List.of());
    }

    /**
     * {@link #save} of an order that changed, and {@link #snapshot}: the order as the update left it, without reading
     * it again.
     */
    public Uni<OrderSnapshot> saveAndSnapshot(Tx tx, Order order) {
        return store.saveReturning(tx, order);
    }
}

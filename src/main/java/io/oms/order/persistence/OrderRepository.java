package io.oms.order.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<OrderEntity, UUID> {

    /** The order, locked until the transaction ends: routing passes of one order never overlap. */
    public Uni<OrderEntity> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> nextOrderNumber() {
        return getSession().chain(session -> session
                .createNativeQuery("select nextval('order_number_seq')", Long.class)
                .getSingleResult());
    }

    /** Inserts an order with its lines now, so that rows referring to them can follow in this transaction. */
    public Uni<OrderEntity> persistWithLines(OrderEntity order, List<OrderLineEntity> lines) {
        return getSession().chain(session -> session.persistAll(order)
                .chain(() -> session.persistAll(lines.toArray()))
                .chain(session::flush)
                .replaceWith(order));
    }
}

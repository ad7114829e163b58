package io.oms.order.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrderLineRepository implements PanacheRepositoryBase<OrderLineEntity, UUID> {

    public Uni<List<OrderLineEntity>> linesOf(UUID orderId) {
        return list("orderId = ?1 order by lineNo", orderId);
    }
}

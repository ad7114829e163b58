package io.oms.backorder.persistence;

import io.oms.backorder.domain.BackorderStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BackorderRepository implements PanacheRepositoryBase<BackorderEntity, UUID> {

    /** The order's open backorders, oldest first (the order in which they are filled). */
    public Uni<List<BackorderEntity>> openOf(UUID orderId) {
        return list("orderId = ?1 and status = ?2 order by createdAt, id", orderId, BackorderStatus.OPEN);
    }
}

package io.oms.backorder.app;

import io.oms.backorder.domain.BackorderStatus;
import io.oms.backorder.domain.ExpectedDates;
import io.oms.backorder.persistence.BackorderRepository;
import io.oms.inventory.persistence.IncomingStock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/** Keeps the open backorders' expected dates true whenever backorders or incoming stock change. */
@ApplicationScoped
public class BackorderDates {
    private final BackorderRepository backorders;
    private final IncomingStock incoming;

    public BackorderDates(BackorderRepository backorders, IncomingStock incoming) {
        this.backorders = backorders;
        this.incoming = incoming;
    }

    /** Inside the caller's transaction. */
    public Uni<Void> refresh(Collection<String> skus) {
        return Multi.createFrom().iterable(skus.stream().distinct().sorted().toList())
                .onItem().transformToUniAndConcatenate(this::refresh)
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> refresh(String sku) {
        return backorders.list("sku = ?1 and status = ?2 order by createdAt, id", sku, BackorderStatus.OPEN)
                .chain(open -> incoming.earliestFirst(sku).map(batches -> {
                    var dates = ExpectedDates.assign(open.stream()
                            .map(b -> new ExpectedDates.Waiting(b.id, b.quantity)).toList(), batches);
                    open.forEach(b -> b.expectedAt = dates.get(b.id));
                    return null;
                }))
                .chain(() -> backorders.flush());
    }
}

package io.oms.order.app;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a paid order asks to be routed, in the transaction that made it paid, so a paid order is never left
 * unqueued. The routing capability implements it: routing depends on orders, never the reverse.
 */
public interface RoutingQueue {
    Uni<Void> enqueue(Tx tx, UUID orderId, OffsetDateTime at);
}

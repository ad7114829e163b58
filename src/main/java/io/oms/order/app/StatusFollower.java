package io.oms.order.app;

import io.oms.audit.AuditEntry;
import io.oms.audit.EventType;
import io.oms.fulfillment.app.Shipments;
import io.oms.infra.sql.Tx;
import io.oms.order.domain.Order;
import io.oms.order.domain.OrderLine;
import io.oms.order.domain.OrderProgress;
import io.oms.order.domain.OrderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves an order to the status its lines and shipments imply (DESIGN.md, "fulfillment progress drives the
 * order"), one allowed transition at a time; returns an audit entry per transition for the caller to record.
 */
@ApplicationScoped
public class StatusFollower {
    private final Shipments shipments;

    public StatusFollower(Shipments shipments) {
        this.shipments = shipments;
    }

    public Uni<List<AuditEntry>> follow(
            Tx tx, Order order, List<OrderLine> lines, String actor, String note, OffsetDateTime now) {
        return shipments.everyShipmentDelivered(tx, order.id()).map(delivered -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (OrderStatus next : OrderProgress.path(
                    order.status(), lines.stream().map(OrderLine::quantities).toList(), delivered)) {
                OrderStatus from = order.moveTo(next, now);
                entries.add(new AuditEntry(
                        order.id(), EventType.STATUS_CHANGED, from.name(), next.name(), actor, note, Map.of(), now));
            }
            return entries;
        });
    }
}

package io.oms.api.graphql;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderEvent")
public record OrderEvent(
        @Id @NonNull String id,

        @Id @NonNull @Description("The order this event belongs to")
        String orderId,

        @NonNull String type,
        String fromStatus,
        String toStatus,

        @NonNull @Description("Token subject, or system:<component>")
        String actor,

        String note,

        @NonNull @Description("JSON object with the specifics of this event")
        String details,

        @NonNull OffsetDateTime occurredAt) {

    static OrderEvent from(io.oms.audit.OrderEvent e) {
        return new OrderEvent(
                Long.toString(e.id()),
                e.orderId().toString(),
                e.type(),
                e.fromStatus(),
                e.toStatus(),
                e.actor(),
                e.note(),
                e.details(),
                e.occurredAt());
    }
}

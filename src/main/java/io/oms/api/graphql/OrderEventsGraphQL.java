package io.oms.api.graphql;

import io.oms.audit.OrderEventStream;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Live audit events over WebSocket (graphql-transport-ws on /graphql) for the admin SPA. */
@GraphQLApi
public class OrderEventsGraphQL {
    private final OrderEventStream stream;
    private final Callers callers;

    public OrderEventsGraphQL(OrderEventStream stream, Callers callers) {
        this.stream = stream;
        this.callers = callers;
    }

    @Subscription("orderEvents")
    @Description("Every audit event as it is committed, by any replica, optionally for one order; admins only")
    public Multi<@NonNull OrderEvent> orderEvents(@Id String orderId) {
        // A refusal is thrown here, before any stream exists, so the subscriber gets one GraphQL error with its
        // code: a failed stream would instead end in a null for this non-null field.
        return stream.events(callers.current(), orderId == null ? null : Ids.parse(orderId, "orderId"))
                .map(OrderEvent::from);
    }
}

package io.oms.api.graphql;

import io.oms.kernel.UnauthenticatedException;
import io.oms.order.app.OrderReader;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Live audit events over WebSocket (graphql-transport-ws on /graphql): the admin SPA follows every order, a
 * storefront one order of its customer. A stream lives no longer than the token it was opened with.
 */
@GraphQLApi
public class OrderEventsGraphQL {
    /** Token lifetimes are wall-clock time, as the JWT verifier sees them, not the service's movable clock. */
    private static final Clock TOKEN_TIME = Clock.systemUTC();

    private final OrderReader orders;
    private final Callers callers;

    public OrderEventsGraphQL(OrderReader orders, Callers callers) {
        this.orders = orders;
        this.callers = callers;
    }

    /**
     * The element stays non-null, as released: a null element would break the generated types of every client
     * (SchemaCompatibilityTest). So a stream cannot carry an error once it is open: SmallRye's WebSocket handler only
     * logs a failure after the first message. What is known before the stream exists (no token, a role that may
     * not subscribe, an expired token, a malformed id) is refused with its code; what is known only later (the
     * order is not the customer's, the token expired meanwhile) completes the stream, as {@code order(id)}
     * answers null for another customer's order without saying whether it exists.
     */
    @Subscription("orderEvents")
    @Description("Every audit event as it is committed, by any replica, optionally for one order. Admins: any order,"
            + " or all without orderId; customers: one order of their own (another's: the stream completes at"
            + " once, without events). When the token expires the stream completes: subscribe again with a fresh"
            + " token (an expired one is refused with UNAUTHENTICATED)")
    public Multi<@NonNull OrderEvent> orderEvents(@Id String orderId) {
        // The WebSocket keeps the identity of its connection_init: a token that has expired since is refused here.
        Optional<Instant> expiry = callers.tokenExpiry();
        Duration left =
                expiry.map(exp -> Duration.between(TOKEN_TIME.instant(), exp)).orElse(null);
        if (left != null && (left.isNegative() || left.isZero())) {
            throw new UnauthenticatedException("The token has expired");
        }
        // Refusals by role are thrown here, before any stream exists: the subscriber gets an "error" message.
        Multi<OrderEvent> events = orders.liveEvents(
                        callers.current(), orderId == null ? null : Ids.parse(orderId, "orderId"))
                .map(OrderEvent::from);
        if (left == null) {
            return completeOnFailure(events);
        }
        return completeOnFailure(events.select().first(left));
    }

    /** Ends the stream instead of failing it: a failure after the first message never reaches the client. */
    private static Multi<OrderEvent> completeOnFailure(Multi<OrderEvent> events) {
        return events.onFailure().recoverWithCompletion();
    }
}

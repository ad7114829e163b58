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
     * The element is nullable on purpose: a stream that fails after it was opened (the order is not the customer's,
     * which takes a query to know, or the token expired) reaches the client as one event with null data and the
     * error with its code, then completes. With a non-null element graphql-java turns that into a non-null
     * violation that SmallRye's WebSocket handler only logs: the client would never learn why.
     */
    @Subscription("orderEvents")
    @Description("Every audit event as it is committed, by any replica, optionally for one order. Admins: any order,"
            + " or all without orderId; customers: one order of their own (another's: NOT_FOUND). Events are never"
            + " null; null comes only with an error, after which the stream completes. When the token expires the"
            + " stream ends with UNAUTHENTICATED: subscribe again with a fresh token")
    public Multi<OrderEvent> orderEvents(@Id String orderId) {
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
            return events;
        }
        return events.select()
                .first(left)
                .onCompletion()
                .switchTo(() -> TOKEN_TIME.instant().isBefore(expiry.get())
                        ? Multi.createFrom().empty() // the service is shutting down
                        : Multi.createFrom()
                                .failure(new UnauthenticatedException(
                                        "The token has expired: subscribe again with a fresh one")));
    }
}

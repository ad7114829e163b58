package io.oms.audit;

import io.oms.infra.sql.PgChannels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Audit events as they are committed, by any replica: a trigger (per statement since V13) NOTIFYs each one and
 * every replica LISTENs. Live only: a subscriber sees what is committed after it subscribed, and an event committed while
 * this replica's listening connection was down is missed; the order's events field is the complete trail.
 */
@ApplicationScoped
public class OrderEventStream {
    static final String CHANNEL = "oms_order_events";
    /** Events a slow subscriber may fall behind by before its stream fails (it can resubscribe). */
    private static final int SUBSCRIBER_BUFFER = 10_000;

    private static final Logger LOG = Logger.getLogger(OrderEventStream.class);

    private final PgChannels channels;
    private final BroadcastProcessor<OrderEvent> events = BroadcastProcessor.create();
    /**
     * Open subscriptions on this replica. With none, a notification is dropped unread: a restock writes thousands of
     * events at once, and decoding each for nobody cost more service CPU than writing it.
     */
    private final AtomicInteger subscribers = new AtomicInteger();

    public OrderEventStream(PgChannels channels) {
        this.channels = channels;
    }

    void start(@Observes StartupEvent event) {
        channels.listen(CHANNEL, this::publish);
    }

    /** Ends every subscription, so that open WebSockets do not hold up a graceful shutdown. */
    void stop(@Observes ShutdownEvent event) {
        events.onComplete();
    }

    /**
     * Every event from now on, or only those of {@code orderId} when it is not null. Who may follow what is the
     * order reader's decision (OrderReader.liveEvents), the front door of this stream.
     */
    public Multi<OrderEvent> events(UUID orderId) {
        return events.onOverflow()
                .buffer(SUBSCRIBER_BUFFER)
                .select()
                .where(e -> orderId == null || orderId.equals(e.orderId()))
                .onSubscription()
                .invoke(subscribers::incrementAndGet)
                .onTermination()
                .invoke(subscribers::decrementAndGet);
    }

    private void publish(String payload) {
        if (subscribers.get() == 0) {
            return;
        }
        try {
            events.onNext(parse(new JsonObject(payload)));
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring an unreadable order event notification: %s", e.getMessage());
        }
    }

    static OrderEvent parse(JsonObject json) {
        JsonObject details = json.getJsonObject("details");
        return new OrderEvent(
                json.getLong("id"),
                UUID.fromString(json.getString("orderId")),
                json.getString("type"),
                json.getString("fromStatus"),
                json.getString("toStatus"),
                json.getString("actor"),
                json.getString("note"),
                details == null ? "{}" : details.encode(),
                OffsetDateTime.parse(json.getString("occurredAt")));
    }
}

package io.oms.audit;

import io.oms.infra.sql.PgChannels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Subscribers by the order they follow, and those that follow every order (admins). An event goes only to its
     * order's subscribers: a customer's stream neither filters nor buffers the rest of the shop's events, so a
     * slow reader is not cut off by other orders' traffic and an event costs the same however many customers
     * follow other orders.
     */
    private final Map<UUID, Set<MultiEmitter<? super OrderEvent>>> byOrder = new ConcurrentHashMap<>();

    private final Set<MultiEmitter<? super OrderEvent>> everyOrder = ConcurrentHashMap.newKeySet();

    public OrderEventStream(PgChannels channels) {
        this.channels = channels;
    }

    void start(@Observes StartupEvent event) {
        channels.listen(CHANNEL, this::publish);
    }

    /** Ends every subscription, so that open WebSockets do not hold up a graceful shutdown. */
    void stop(@Observes ShutdownEvent event) {
        everyOrder.forEach(MultiEmitter::complete);
        byOrder.values().forEach(emitters -> emitters.forEach(MultiEmitter::complete));
    }

    /**
     * Every event from now on, or only those of {@code orderId} when it is not null. Who may follow what is the
     * order reader's decision (OrderReader.liveEvents), the front door of this stream.
     */
    public Multi<OrderEvent> events(UUID orderId) {
        // Registered when subscribed, so nothing committed after that is missed; the buffer (which always asks for
        // more, so the emitter never meets an ERROR) keeps what arrives before the subscriber reads.
        return Multi.createFrom()
                .<OrderEvent>emitter(
                        emitter -> {
                            add(orderId, emitter);
                            emitter.onTermination(() -> remove(orderId, emitter));
                        },
                        BackPressureStrategy.ERROR)
                .onOverflow()
                .buffer(SUBSCRIBER_BUFFER);
    }

    private void add(UUID orderId, MultiEmitter<? super OrderEvent> emitter) {
        if (orderId == null) {
            everyOrder.add(emitter);
            return;
        }
        byOrder.compute(orderId, (id, emitters) -> {
            Set<MultiEmitter<? super OrderEvent>> set = emitters == null ? ConcurrentHashMap.newKeySet() : emitters;
            set.add(emitter);
            return set;
        });
    }

    private void remove(UUID orderId, MultiEmitter<? super OrderEvent> emitter) {
        if (orderId == null) {
            everyOrder.remove(emitter);
            return;
        }
        byOrder.computeIfPresent(orderId, (id, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }

    void publish(String payload) {
        // With no subscription on this replica, a notification is dropped unread: a restock writes thousands of
        // events at once, and decoding each for nobody cost more service CPU than writing it.
        if (everyOrder.isEmpty() && byOrder.isEmpty()) {
            return;
        }
        OrderEvent event;
        try {
            event = parse(new JsonObject(payload));
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring an unreadable order event notification: %s", e.getMessage());
            return;
        }
        everyOrder.forEach(emitter -> emitter.emit(event));
        Set<MultiEmitter<? super OrderEvent>> followers = byOrder.get(event.orderId());
        if (followers != null) {
            followers.forEach(emitter -> emitter.emit(event));
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

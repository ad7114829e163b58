package io.oms.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stream's fan-out, without a database: what {@code publish} does with a notification the listening connection
 * received. A customer follows one order; the other orders' events are not theirs to hold.
 */
class OrderEventStreamTest {
    // No listening connection: start() is not called, notifications are handed to publish() directly.
    private final OrderEventStream stream = new OrderEventStream(null);

    @Test
    void aSubscriberOfOneOrderIsNotCutOffByOtherOrdersTraffic() {
        UUID followed = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        // Subscribed, not yet reading (a customer's stream while the order check runs, or a slow socket).
        AssertSubscriber<OrderEvent> customer =
                stream.events(followed).subscribe().withSubscriber(AssertSubscriber.create(0));

        for (int i = 0; i < 10_001; i++) {
            stream.publish(notification(i, busy));
        }
        stream.publish(notification(10_001, followed));

        // Another order's 10,001 events did not fill this subscriber's buffer: it holds only its own.
        assertNull(customer.getFailure());
        customer.request(10);
        assertEquals(1, customer.getItems().size());
        assertEquals(followed, customer.getItems().get(0).orderId());
    }

    @Test
    void everyOrdersSubscriberAndEachOrdersSubscriberGetTheirEvents() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        AssertSubscriber<OrderEvent> admin =
                stream.events(null).subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<OrderEvent> ofA = stream.events(a).subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<OrderEvent> alsoOfA = stream.events(a).subscribe().withSubscriber(AssertSubscriber.create(10));

        stream.publish(notification(1, a));
        stream.publish(notification(2, b));
        ofA.cancel();
        stream.publish(notification(3, a));

        assertEquals(3, admin.getItems().size());
        assertEquals(1, ofA.getItems().size());
        assertEquals(2, alsoOfA.getItems().size());
        assertEquals(3L, alsoOfA.getItems().get(1).id());
    }

    private static String notification(long id, UUID orderId) {
        return new JsonObject()
                .put("id", id)
                .put("orderId", orderId.toString())
                .put("type", "ORDER_ROUTED")
                .put("fromStatus", "PAID")
                .put("toStatus", "AWAITING_FULFILLMENT")
                .put("actor", "system:routing")
                .put("note", null)
                .put("details", new JsonObject())
                .put("occurredAt", "2026-11-30T18:00:00Z")
                .encode();
    }
}

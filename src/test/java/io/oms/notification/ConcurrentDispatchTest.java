package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.notification.WebhookReceiver.Answer;
import io.oms.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers (the scheduled one and a second one driven by the test, as another replica would run it) share a
 * batch of notices while the receiver is slow: answering each takes most of the webhook timeout, so one dispatcher
 * working through the batch alone would take longer than its lease. No notice may be sent twice.
 */
@QuarkusTest
class ConcurrentDispatchTest {
    private static final int NOTICES = 12;

    @Inject
    Dispatcher dispatcher;

    @Test
    void aSlowReceiverNeverGetsOneNoticeTwiceFromTwoDispatchers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NOTICES; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        try (WebhookReceiver receiver = new WebhookReceiver(
                (notice, call) -> ids.contains(notice.getString("id")) ? new Answer(204, 700) : Answer.OK)) {
            // Written at once and due together, so that one claim takes them all.
            for (String id : ids) {
                Db.execute("""
                        insert into notifications (id, kind, order_id, recipient, payload, status, attempts,
                                                   next_attempt_at, created_at)
                        values (?::uuid, 'ORDER_STUCK', null, null, '{"orderNumber": 1}'::jsonb, 'PENDING', 0,
                                now() + interval '2 seconds', now())""", id);
            }
            AtomicBoolean done = new AtomicBoolean();
            Thread secondReplica = new Thread(() -> {
                while (!done.get()) {
                    try {
                        VertxContextSupport.subscribeAndAwait(dispatcher::dispatchDue);
                    } catch (Throwable e) {
                        // a failed round is retried, as the scheduler would
                    }
                    io.oms.support.Routing.pause(100);
                }
            });
            secondReplica.start();
            try {
                Notices.await(
                        "every notice is SENT",
                        60_000,
                        () -> Db.count(
                                        "select count(*) from notifications where id::text = any(?) and status = 'SENT'",
                                        (Object) ids.toArray(new String[0]))
                                == NOTICES);
            } finally {
                done.set(true);
                secondReplica.join();
            }
            Map<String, Long> deliveries = receiver.received().stream()
                    .map(WebhookReceiver.Received::noticeId)
                    .filter(ids::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(NOTICES, deliveries.size());
            assertEquals(
                    Map.of(),
                    deliveries.entrySet().stream()
                            .filter(e -> e.getValue() > 1)
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "notices sent more than once");
            assertEquals(List.of(), receiver.overlapping());
        }
    }
}

package io.oms.notification;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A real HTTP receiver on the port the test profile posts webhooks to. Each request is answered on its own thread
 * (a slow answer must not hold up the others) as {@code behaviour} decides from the notice's order id (or notice id)
 * and how many times this notice arrived; every request is kept with its headers.
 */
final class WebhookReceiver implements AutoCloseable {
    static final int PORT = 18089;

    /** What the receiver does with one request: answer {@code status} after {@code delayMillis}. */
    record Answer(int status, long delayMillis) {
        static final Answer OK = new Answer(204, 0);

        static Answer status(int status) {
            return new Answer(status, 0);
        }
    }

    /** One request as it arrived. */
    record Received(
            String id, String timestamp, String signature, String legacySignature, String body, long receivedAtMillis) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String noticeId() {
            return json().getString("id");
        }

        String orderId() {
            return json().getString("orderId");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final List<String> overlapping = new CopyOnWriteArrayList<>();

    /** {@code behaviour}: (the notice's JSON, the how-many-th arrival of this notice) to the answer. */
    WebhookReceiver(BiFunction<JsonObject, Integer, Answer> behaviour) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", PORT), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/hooks/oms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            Received request = new Received(
                    headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    headers.getFirst("X-OMS-Signature"),
                    body,
                    System.currentTimeMillis());
            received.add(request);
            JsonObject json = new JsonObject(body);
            String notice = json.getString("id");
            int call = calls.computeIfAbsent(notice, k -> new AtomicInteger()).incrementAndGet();
            if (inFlight.computeIfAbsent(notice, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlapping.add(notice);
            }
            try {
                Answer answer = behaviour.apply(json, call);
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                exchange.sendResponseHeaders(answer.status(), -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The sender gave up and cut the connection: that is its right after its timeout.
            } finally {
                inFlight.get(notice).decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    List<Received> received() {
        return received;
    }

    List<Received> ofOrder(String orderId) {
        return received.stream().filter(r -> orderId.equals(r.orderId())).toList();
    }

    List<Received> ofNotice(String noticeId) {
        return received.stream().filter(r -> noticeId.equals(r.noticeId())).toList();
    }

    /** Notices that arrived while an earlier request for the same notice was still being answered. */
    List<String> overlapping() {
        return overlapping;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

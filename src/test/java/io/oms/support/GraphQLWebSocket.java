package io.oms.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A graphql-transport-ws client, as the admin SPA uses it: the token goes in connection_init's payload
 * (browsers cannot set headers on a WebSocket), then one subscription per id.
 */
public final class GraphQLWebSocket implements AutoCloseable {
    private final HttpClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    private GraphQLWebSocket(HttpClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    }

    /** Connects to {@code graphqlUrl} and completes the connection_init / connection_ack handshake. */
    public static GraphQLWebSocket connect(Vertx vertx, URI graphqlUrl, String token) throws Exception {
        HttpClient client = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(graphqlUrl.getHost())
                .setPort(graphqlUrl.getPort())
                .setURI(graphqlUrl.getPath())
                .addSubProtocol("graphql-transport-ws");
        WebSocket socket = client.webSocket(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        GraphQLWebSocket ws = new GraphQLWebSocket(client, socket);
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (token != null) {
            init.put("payload", new JsonObject().put("Authorization", "Bearer " + token));
        }
        ws.send(init);
        ws.await(m -> "connection_ack".equals(m.getString("type")), 10);
        return ws;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(new JsonObject()
                .put("id", id)
                .put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    /** The next message that matches, skipping the others; fails after {@code seconds}. */
    public JsonObject await(Predicate<JsonObject> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        java.util.List<JsonObject> skipped = new java.util.ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no matching message within " + seconds + " s; skipped " + skipped
                        + (socket.isClosed()
                                ? "; the socket was closed: " + socket.closeStatusCode() + " " + socket.closeReason()
                                : ""));
            }
            skipped.add(message);
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** The next message of any kind, or null when none comes within {@code millis}. */
    public JsonObject poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}

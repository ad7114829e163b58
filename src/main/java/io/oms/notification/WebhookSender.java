package io.oms.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs a notice to the configured URL as Standard Webhooks: the JSON envelope as body, {@code webhook-id} (the
 * notice's id, the same on every retry, so the receiver can drop a duplicate), {@code webhook-timestamp} (this
 * attempt) and {@code webhook-signature}. A 2xx answer is success, anything else (redirects included) a failure.
 * The whole attempt has a hard deadline: when it passes, the request is reset (the connection is cut), so an attempt
 * never outlives the dispatcher's lease however slowly the receiver answers.
 */
@ApplicationScoped
public class WebhookSender {
    private final NotificationConfig config;
    private final HttpClient http;
    private final WebhookSignature signature;

    public WebhookSender(Vertx vertx, NotificationConfig config) {
        this.config = config;
        int timeout = (int) config.webhookTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                // A send waiting for a pooled connection spends its deadline waiting: have one for every send a
                // dispatcher runs at once (twice, for a manual round beside the scheduled one).
                .setMaxPoolSize(2 * config.concurrency()));
        this.signature =
                configured(config) ? WebhookSignature.of(config.webhookSecret().orElse("")) : null;
    }

    static boolean configured(NotificationConfig config) {
        return config.webhookUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** The envelope every receiver gets: the notice's id, kind, order, time written, and its payload. */
    static String body(Delivery.Claimed notice) {
        return new JsonObject()
                .put("id", notice.id().toString())
                .put("kind", notice.kind())
                .put(
                        "orderId",
                        notice.orderId() == null ? null : notice.orderId().toString())
                .put("createdAt", notice.createdAt().toString())
                .put("payload", new JsonObject(notice.payload()))
                .encode();
    }

    public Uni<Void> send(Delivery.Claimed notice, OffsetDateTime now) {
        String body = body(notice);
        String id = notice.id().toString();
        long timestamp = now.toEpochSecond();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.webhookUrl().orElseThrow())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader(WebhookSignature.ID, id)
                .putHeader(WebhookSignature.TIMESTAMP, String.valueOf(timestamp))
                .putHeader(WebhookSignature.SIGNATURE, signature.sign(id, timestamp, body));
        return http.request(options)
                .chain(request -> {
                    inFlight.set(request);
                    return request.send(Buffer.buffer(body));
                })
                .chain(response -> response.body().map(ignored -> response.statusCode()))
                .ifNoItem()
                .after(config.webhookTimeout())
                .failWith(() -> new TimeoutException("no answer within " + config.webhookTimeout()))
                .onFailure()
                .invoke(() -> {
                    HttpClientRequest request = inFlight.get();
                    if (request != null) {
                        request.reset();
                    }
                })
                .invoke(status -> {
                    if (status / 100 != 2) {
                        throw new IllegalStateException("webhook answered HTTP " + status);
                    }
                })
                .replaceWithVoid();
    }
}

package io.oms.notification;

import io.oms.kernel.Backoff;
import io.oms.kernel.Times;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.mail.MailClient;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox: each notification is POSTed to the configured webhook as JSON with an HMAC-SHA256
 * signature header, and mailed to the order's address over SMTP when a mail server is configured. Failures are retried with exponential backoff and,
 * after the last attempt, left DEAD in the table for someone to look at. Runs outside every business
 * transaction, so a slow or broken receiver never holds up an order.
 */
@ApplicationScoped
public class Dispatcher {
    public static final String SIGNATURE_HEADER = "X-OMS-Signature";
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Delivery delivery;
    private final WebClient http;
    private final MailClient mail;
    private final NotificationConfig config;
    private final Clock clock;

    public Dispatcher(Delivery delivery, Vertx vertx, NotificationConfig config, Clock clock) {
        this.delivery = delivery;
        this.http = WebClient.create(vertx);
        this.config = config;
        this.mail = this.config
                .mailHost()
                .filter(host -> !host.isBlank())
                .map(host -> MailClient.create(vertx, mailConfig(host, this.config)))
                .orElse(null);
        this.clock = clock;
    }

    private static MailConfig mailConfig(String host, NotificationConfig config) {
        MailConfig mailConfig = new MailConfig()
                .setHostname(host)
                .setPort(config.mailPort())
                .setStarttls(config.mailStartTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL);
        config.mailUsername().ifPresent(mailConfig::setUsername);
        config.mailPassword().ifPresent(mailConfig::setPassword);
        return mailConfig;
    }

    /** Delivers what is due; returns how many were attempted. */
    public Uni<Integer> dispatchDue() {
        OffsetDateTime now = now();
        return delivery.claim(now, config.batchSize(), config.lease())
                .chain(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(this::deliver)
                        .collect()
                        .asList()
                        .map(done -> due.size()));
    }

    private Uni<Void> deliver(Delivery.Due due) {
        String body = new JsonObject()
                .put("id", due.id().toString())
                .put("kind", due.kind())
                .put("orderId", due.orderId() == null ? null : due.orderId().toString())
                .put("createdAt", due.createdAt().toString())
                .put("payload", new JsonObject(due.payload()))
                .encode();
        return webhook(body)
                .chain(() -> mail(due, body))
                .chain(() -> delivery.sent(due.id(), now()))
                .onFailure()
                .recoverWithUni(error -> {
                    int failures = due.attempts() + 1;
                    boolean dead = failures >= config.maxAttempts();
                    OffsetDateTime retryAt =
                            dead ? null : now().plus(Backoff.after(failures, config.backoff(), config.maxBackoff()));
                    LOG.warnf(
                            "Notification %s (%s) failed, attempt %d of %d%s: %s",
                            due.id(),
                            due.kind(),
                            failures,
                            config.maxAttempts(),
                            dead ? ", now DEAD" : "",
                            error.getMessage());
                    return delivery.failed(due.id(), String.valueOf(error.getMessage()), retryAt);
                });
    }

    private Uni<Void> webhook(String body) {
        if (config.webhookUrl().isEmpty() || config.webhookUrl().get().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return http.postAbs(config.webhookUrl().get())
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE_HEADER, "sha256=" + sign(body, config.webhookSecret()))
                .timeout(config.webhookTimeout().toMillis())
                .sendBuffer(Buffer.buffer(body))
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> mail(Delivery.Due due, String body) {
        if (due.recipient() == null || due.recipient().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String subject = subject(due.kind());
        if (config.mailLogOnly()) {
            LOG.infof("Mail to %s: %s (%s)", due.recipient(), subject, due.id());
            return Uni.createFrom().voidItem();
        }
        if (mail == null) {
            return Uni.createFrom().voidItem();
        }
        return mail.sendMail(new MailMessage()
                        .setFrom(config.mailFrom())
                        .setTo(due.recipient())
                        .setSubject(subject)
                        .setText(body))
                .replaceWithVoid();
    }

    private static String subject(String kind) {
        return switch (kind) {
            case "BACKORDER_CREATED" -> "Part of your order is on backorder";
            case "BACKORDER_ALLOCATED" -> "Your backordered item will ship";
            case "SHIPMENT_SHIPPED" -> "Your parcel has shipped";
            case "LINES_CANCELLED" -> "Your cancellation and refund";
            case "ORDER_STUCK" -> "An order is stuck and needs attention";
            default -> "An update on your order";
        };
    }

    /** HMAC-SHA256 of the exact body, hex: the receiver recomputes it with the shared secret. */
    public static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}

package io.oms.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Delivery of the outbox ({@code oms.notifications.*}). */
@ConfigMapping(prefix = "oms.notifications")
public interface NotificationConfig {
    /** Where notifications are POSTed as JSON; none configured means webhooks are off. */
    Optional<String> webhookUrl();

    /** Key of the HMAC-SHA256 signature in the X-OMS-Signature header. */
    @WithDefault("change-me")
    String webhookSecret();

    /** SMTP server for customer mail; none configured means no mail is sent. */
    Optional<String> mailHost();

    @WithDefault("25")
    int mailPort();

    Optional<String> mailUsername();

    Optional<String> mailPassword();

    /** Require STARTTLS (production SMTP); off for a local relay. */
    @WithDefault("false")
    boolean mailStartTls();

    @WithDefault("orders@oms.example")
    String mailFrom();

    /** Log each mail instead of sending it (the dev profile's mock mailer). */
    @WithDefault("false")
    boolean mailLogOnly();

    /** Delivery attempts before a notification is marked DEAD. */
    @WithDefault("6")
    @Min(1)
    int maxAttempts();

    /** Delay before the first retry; doubled for each further one, up to maxBackoff. */
    @WithDefault("PT2S")
    Duration backoff();

    @WithDefault("PT15M")
    Duration maxBackoff();

    /** How long a claimed notification is left to its dispatcher before another one may try it. */
    @WithDefault("PT2M")
    Duration lease();

    /** How long one webhook POST may take. */
    @WithDefault("PT10S")
    Duration webhookTimeout();

    @WithDefault("2s")
    String pollInterval();

    @WithDefault("50")
    @Min(1)
    int batchSize();
}

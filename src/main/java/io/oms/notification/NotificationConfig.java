package io.oms.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Delivery of the outbox ({@code oms.notifications.*}); see the README's Notifications section. */
@ConfigMapping(prefix = "oms.notifications")
public interface NotificationConfig {
    /**
     * Deliver notices at all. Off, every notice is SKIPPED on every channel (and counted); on, start-up is refused
     * unless a webhook URL or a mail server is configured, so that no deployment drops notices by accident.
     */
    @WithDefault("true")
    boolean enabled();

    /** Where notices are POSTed (Standard Webhooks); none configured means the webhook channel is skipped. */
    Optional<String> webhookUrl();

    /**
     * The signing secrets, {@code whsec_} + base64 of 24 to 64 random bytes, separated by spaces or commas. Every one
     * signs each delivery, so a receiver can move to a new secret while the old one still verifies (rotation).
     * Required when a webhook URL is set.
     */
    Optional<String> webhookSecret();

    /** The longest one webhook POST may take, connection included; then it is cut and counts as failed. */
    @WithDefault("PT15S")
    Duration webhookTimeout();

    /** SMTP server for customer mail; none configured means the mail channel is skipped. */
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

    /** The longest one mail may take to hand over, connection included. */
    @WithDefault("PT30S")
    Duration mailTimeout();

    /** Log each mail instead of sending it (the dev profile's mock mailer); the mail channel is then SKIPPED. */
    @WithDefault("false")
    boolean mailLogOnly();

    /**
     * A link to the order in the storefront for the mails, with {@code {orderId}} and {@code {orderNumber}} replaced,
     * e.g. {@code https://shop.example.com/orders/{orderId}}; none: the mails name the order number only.
     */
    Optional<String> mailOrderLink();

    /** At most this many notices of one order are mailed within {@link #mailLimitWindow()}; the rest are SKIPPED. */
    @WithDefault("20")
    @Min(1)
    int mailLimit();

    @WithDefault("PT24H")
    Duration mailLimitWindow();

    /** Delay before the first retry of a channel; doubled for each further one, up to {@link #maxBackoff()}. */
    @WithDefault("PT2S")
    Duration backoff();

    @WithDefault("PT15M")
    Duration maxBackoff();

    /** A failing channel is DEAD only after it failed for this long and at least {@link #minAttempts()} times. */
    @WithDefault("PT24H")
    Duration retryFor();

    @WithDefault("10")
    @Min(1)
    int minAttempts();

    /**
     * How long a dispatcher holds the deliveries it claimed. An attempt starts only if it can end (its timeout)
     * well before the lease does, so no other replica ever takes a delivery that is still being sent; it must be at
     * least twice the longer timeout.
     */
    @WithDefault("PT2M")
    Duration lease();

    @WithDefault("2s")
    String pollInterval();

    /** Deliveries claimed per round. */
    @WithDefault("50")
    @Min(1)
    int batchSize();

    /** Deliveries sent at the same time by one dispatcher. */
    @WithDefault("8")
    @Min(1)
    int concurrency();
}

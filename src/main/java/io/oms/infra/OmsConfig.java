package io.oms.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Typed configuration of the service ({@code oms.*}); every limit in the code comes from here. */
@ConfigMapping(prefix = "oms")
public interface OmsConfig {

    Orders orders();

    Paging paging();

    Routing routing();

    Backorders backorders();

    Notifications notifications();

    Stuck stuck();

    Metrics metrics();

    interface Metrics {
        /** How often the backlog gauges (open backorders, routing queue, stuck orders) are read. */
        @WithDefault("15s")
        String refreshInterval();
    }

    interface Notifications {
        /** Where notifications are POSTed as JSON; none configured means webhooks are off. */
        java.util.Optional<String> webhookUrl();

        /** Key of the HMAC-SHA256 signature in the X-OMS-Signature header. */
        @WithDefault("change-me")
        String webhookSecret();

        /** SMTP server for customer mail; none configured means no mail is sent. */
        java.util.Optional<String> mailHost();

        @WithDefault("25")
        int mailPort();

        java.util.Optional<String> mailUsername();

        java.util.Optional<String> mailPassword();

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

        /** Delay before the first retry; doubled for each further one. */
        @WithDefault("PT2S")
        java.time.Duration backoff();

        @WithDefault("2s")
        String pollInterval();

        @WithDefault("50")
        @Min(1)
        int batchSize();
    }

    interface Backorders {
        /** How often stock that rose without a receipt (releases, counts) is matched with open backorders. */
        @WithDefault("30s")
        String sweepInterval();
    }

    interface Orders {
        /** Most lines one order may have. */
        @WithDefault("500")
        @Min(1)
        int maxLines();

        /** Largest quantity of one line. */
        @WithDefault("100000")
        @Min(1)
        int maxQuantity();

        @WithDefault("64")
        @Min(1)
        @Max(64)
        int maxSkuLength();

        @WithDefault("200")
        @Min(1)
        @Max(200)
        int maxIdempotencyKeyLength();
    }

    interface Stuck {
        /** An order is stuck when it has not moved for this long (see StuckReason for each rule). */
        @WithDefault("PT24H")
        java.time.Duration threshold();

        /** How often the detector runs; one replica at a time runs it. */
        @WithDefault("5m")
        String interval();

        /** Orders flagged or cleared per statement; a run repeats until a batch comes back short. */
        @WithDefault("500")
        @Min(1)
        int batchSize();

        /** Mail address of the operations team for ORDER_STUCK notices; webhooks receive them regardless. */
        java.util.Optional<String> notifyEmail();
    }

    interface Routing {
        /** Up to this many candidate locations with stock the plan is provably optimal (2^n subsets). */
        @WithDefault("16")
        @Min(1)
        @Max(20)
        int exactSearchLimit();

        /** Objective 3: own stock (warehouse, 3PL, store) before dropship suppliers. */
        @WithDefault("true")
        boolean preferOwnStock();

        /** Total distances within this band count as equal, so location priority decides. */
        @WithDefault("50")
        double distanceToleranceKm();

        @WithDefault("1")
        int handlingDaysOwn();

        @WithDefault("3")
        int handlingDaysDropship();

        @WithDefault("800")
        double kmPerTransitDay();

        @WithDefault("3")
        int defaultTransitDays();

        /** Fresh plans after a reservation loses a race, before the rest is backordered. */
        @WithDefault("3")
        @Min(0)
        int maxReplans();

        /** Failed routing attempts of a paid order before it is flagged UNROUTED. */
        @WithDefault("5")
        @Min(1)
        int maxAttempts();

        /** Delay before the first retry; doubled for each further one, up to maxBackoff. */
        @WithDefault("PT2S")
        java.time.Duration backoff();

        @WithDefault("PT5M")
        java.time.Duration maxBackoff();

        /** How long routing waits for a row lock before the attempt fails and is retried. */
        @WithDefault("PT5S")
        java.time.Duration lockTimeout();

        /** Concurrent routing transactions per replica. */
        @WithDefault("2")
        @Min(1)
        int workers();

        /** Jobs one worker routes before yielding to other work. */
        @WithDefault("50")
        @Min(1)
        int batchSize();

        /** How often the poller looks for due jobs (retries, missed notifications). */
        @WithDefault("5s")
        String pollInterval();

        /** Listen for NOTIFY to route at once; the poller covers missed notifications either way. */
        @WithDefault("true")
        boolean listen();
    }

    interface Paging {
        /** Page size when a connection is asked for without {@code first}. */
        @WithDefault("20")
        @Min(1)
        int defaultSize();

        @WithDefault("200")
        @Min(1)
        int maxSize();
    }
}

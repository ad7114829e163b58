package io.oms.routing.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** The routing engine's policy and the routing worker ({@code oms.routing.*}). */
@ConfigMapping(prefix = "oms.routing")
public interface RoutingConfig {
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
    Duration backoff();

    @WithDefault("PT5M")
    Duration maxBackoff();

    /** How long routing waits for a row lock before the attempt fails and is retried. */
    @WithDefault("PT5S")
    Duration lockTimeout();

    /**
     * Concurrent routing transactions per replica; unset, sized from the cores and the connection pool (see
     * {@link RoutingSettings#workers()}).
     */
    Optional<@Min(1) Integer> workers();

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

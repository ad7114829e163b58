package io.oms.backorder.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** Filling backorders ({@code oms.backorders.*}). */
@ConfigMapping(prefix = "oms.backorders")
public interface BackorderConfig {
    /** How often stock that rose without a receipt (releases, counts) is matched with open backorders. */
    @WithDefault("30s")
    String sweepInterval();

    /** Stock levels the sweeper looks at per run. */
    @WithDefault("100")
    @Min(1)
    int sweepLevels();

    /** How soon a level is filled again after a pass could not route an order for a transient reason. */
    @WithDefault("PT1S")
    java.time.Duration fillRetryDelay();

    /**
     * How long a receipt waits for its fill before it answers; the fill goes on after the answer (the receipt's
     * stock is held for the waiting backorders meanwhile).
     */
    @WithDefault("PT2S")
    java.time.Duration fillWaitInRequest();

    /** Orders a fill reads from the FIFO queue per query. */
    @WithDefault("50")
    @Min(1)
    int fillPage();
}

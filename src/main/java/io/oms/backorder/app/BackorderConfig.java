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

    /**
     * Orders a fill reads from the FIFO queue per query (and so, at most, per batch transaction). Each read ranks
     * every open backorder of the SKU, so small pages make a big restock quadratic: 10,000 backorders took 32.6 s
     * with 50, 25.7 s with 500 (bench/restock-backorders.sh, docs/BENCHMARKS.md).
     */
    @WithDefault("500")
    @Min(1)
    int fillPage();
}

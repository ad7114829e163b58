package io.oms.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The backlog gauges ({@code oms.metrics.*}). */
@ConfigMapping(prefix = "oms.metrics")
public interface MetricsConfig {
    /** How often the backlog gauges (open backorders, routing queue, stuck orders) are read. */
    @WithDefault("15s")
    String refreshInterval();
}

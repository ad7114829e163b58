package io.oms.order.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** The stuck-order detector ({@code oms.stuck.*}). */
@ConfigMapping(prefix = "oms.stuck")
public interface StuckConfig {
    /** An order is stuck when it has not moved for this long (see StuckReason for each rule). */
    @WithDefault("PT24H")
    Duration threshold();

    /** How often the detector runs; one replica at a time runs it. */
    @WithDefault("5m")
    String interval();

    /** Orders flagged or cleared per statement; a run repeats until a batch comes back short. */
    @WithDefault("500")
    @Min(1)
    int batchSize();

    /** Mail address of the operations team for ORDER_STUCK notices; webhooks receive them regardless. */
    Optional<String> notifyEmail();
}

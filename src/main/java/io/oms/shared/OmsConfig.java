package io.oms.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Typed configuration of the service ({@code oms.*}); every limit in the code comes from here. */
@ConfigMapping(prefix = "oms")
public interface OmsConfig {

    Orders orders();

    Paging paging();

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

package io.oms.infra;

import io.oms.kernel.PageArgs;
import io.oms.kernel.PageRequest;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** Page sizes of every connection ({@code oms.paging.*}). */
@ConfigMapping(prefix = "oms.paging")
public interface PagingConfig {
    /** Page size when a connection is asked for without {@code first}. */
    @WithDefault("20")
    @Min(1)
    int defaultSize();

    @WithDefault("200")
    @Min(1)
    int maxSize();

    /** The page a client asked for, checked against these limits (VALIDATION otherwise). */
    static PageRequest request(PagingConfig config, PageArgs args) {
        return PageRequest.of(args, config.defaultSize(), config.maxSize());
    }
}

package io.oms.inventory.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits of stock changes ({@code oms.inventory.*}). */
@ConfigMapping(prefix = "oms.inventory")
public interface InventoryConfig {
    /** Largest quantity one adjustment, receipt or incoming batch may move. */
    @WithDefault("10000000")
    @Min(1)
    int maxQuantity();

    /** Most rows one inventory import may carry. */
    @WithDefault("5000")
    @Min(1)
    int maxImportRows();

    /** Longest reason of an adjustment (the ledger's column width). */
    @WithDefault("500")
    @Min(1)
    @Max(500)
    int maxReasonLength();
}

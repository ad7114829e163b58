package io.oms.order.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Input limits of orders and their commands ({@code oms.orders.*}). */
@ConfigMapping(prefix = "oms.orders")
public interface OrderConfig {
    /** Most lines one order may have. */
    @WithDefault("500")
    @Min(1)
    int maxLines();

    /** Largest quantity of one line. */
    @WithDefault("100000")
    @Min(1)
    int maxQuantity();

    @WithDefault("200")
    @Min(1)
    @Max(200)
    int maxIdempotencyKeyLength();

    /** Longest reason of a cancellation (its column width). */
    @WithDefault("500")
    @Min(1)
    @Max(500)
    int maxReasonLength();

    /** Longest note of a status change (its column width). */
    @WithDefault("2000")
    @Min(1)
    @Max(2000)
    int maxNoteLength();

    /** Longest payment reference (its column width). */
    @WithDefault("200")
    @Min(1)
    @Max(200)
    int maxPaymentReferenceLength();

    /** Longest carrier name of a shipment (its column width). */
    @WithDefault("100")
    @Min(1)
    @Max(100)
    int maxCarrierLength();

    /** Longest tracking number of a shipment (its column width). */
    @WithDefault("200")
    @Min(1)
    @Max(200)
    int maxTrackingNumberLength();

    /**
     * Most buckets one orderActivity answer may have: a week of hours. Each bucket is a row of the answer and the
     * range is an index range read, so the bound keeps both small.
     */
    @WithDefault("168")
    @Min(1)
    int maxActivityBuckets();
}

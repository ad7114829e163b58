package io.oms.fulfillment.domain;

/** The two natural orders of the fulfillment orders list. */
public enum FulfillmentOrderSort {
    /** Newest first: the default. */
    CREATED_AT_DESC,
    /** Oldest first: a warehouse's pick queue, what has waited longest on top. */
    CREATED_AT_ASC
}

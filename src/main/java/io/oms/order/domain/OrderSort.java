package io.oms.order.domain;

/** The two natural orders of the orders list. */
public enum OrderSort {
    /** Newest first: the default, what an admin looks at. */
    PLACED_AT_DESC,
    /** Oldest first: working through a backlog, exporting. */
    PLACED_AT_ASC
}

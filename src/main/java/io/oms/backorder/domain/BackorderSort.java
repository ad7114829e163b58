package io.oms.backorder.domain;

/** The two natural orders of the backorders list. */
public enum BackorderSort {
    /** Newest first: the default, what just went wrong. */
    CREATED_AT_DESC,
    /** Oldest first: the order in which stock fills them (first in, first out). */
    CREATED_AT_ASC
}

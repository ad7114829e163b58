package io.oms.backorder.domain;

/** The customer's answer to a backorder: wait for stock (the default) or cancel that quantity. */
public enum BackorderDecision {
    WAIT,
    CANCEL
}

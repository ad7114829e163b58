package io.oms.order.domain;

public enum SplitPolicy {
    /** Ship what is in stock now, backorder the rest. */
    SHIP_AVAILABLE,
    /** One shipment when everything can ship together. */
    SHIP_COMPLETE
}

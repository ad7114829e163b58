package io.oms.backorder.domain;

public enum BackorderStatus {
    OPEN,
    ALLOCATED,
    CANCELLED
}

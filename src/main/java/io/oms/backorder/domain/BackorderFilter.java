package io.oms.backorder.domain;

public record BackorderFilter(String sku, BackorderStatus status) {}

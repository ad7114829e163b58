package io.oms.inventory.domain;

public record InventoryLevelSnapshot(LocationSnapshot location, String sku, StockLevel stock) {}

package io.oms.inventory.domain;

public enum LocationType {
    WAREHOUSE,
    THIRD_PARTY_LOGISTICS,
    STORE,
    DROPSHIP_SUPPLIER
}

package io.oms.inventory.domain;

public enum LocationType {
    WAREHOUSE, THIRD_PARTY_LOGISTICS, STORE, DROPSHIP_SUPPLIER;

    /** Own stock is preferred over a supplier's when routing (DESIGN.md, objective 3). */
    public boolean isOwnStock() {
        return this != DROPSHIP_SUPPLIER;
    }
}

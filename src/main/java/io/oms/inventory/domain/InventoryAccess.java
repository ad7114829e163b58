package io.oms.inventory.domain;

import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;

/** Warehouse staff act on their own location only (the {@code location} claim of their token). */
public final class InventoryAccess {
    private InventoryAccess() {}

    public static void checkActsAt(Caller caller, String locationCode) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        if (!caller.isAdmin()
                && !caller.locationCode().map(locationCode::equals).orElse(false)) {
            throw new AccessDeniedException("A warehouse token may act only at its own location");
        }
    }
}

package io.oms.kernel;

import java.util.Locale;
import java.util.Optional;

/** The roles of API.md, carried in the JWT {@code groups} claim. */
public enum Role {
    CUSTOMER,
    PAYMENTS,
    WAREHOUSE,
    ADMIN;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String group) {
        for (Role role : values()) {
            if (role.claimValue().equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

package io.oms.kernel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: the token subject, its roles and, for warehouse staff, the code of their location.
 * Authorization is decided from this value in plain code (not annotations) because most rules depend on
 * the data too: a customer's own orders, a warehouse's own location.
 */
public record Caller(String subject, Set<Role> roles, Optional<String> locationCode) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), Optional.empty());

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        locationCode = locationCode == null ? Optional.empty() : locationCode;
    }

    public boolean isAnonymous() {
        return subject == null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** Refuses anonymous callers and callers with none of the given roles. */
    public Caller require(Role... anyOf) {
        if (isAnonymous()) {
            throw new UnauthenticatedException();
        }
        if (Arrays.stream(anyOf).noneMatch(this::has)) {
            throw new AccessDeniedException("Requires one of the roles " + Arrays.toString(anyOf));
        }
        return this;
    }

    /**
     * Whether this caller may see and act on what belongs to {@code customerId}: admins on anything, customers on
     * their own. Anyone else is refused.
     */
    public boolean actsFor(String customerId) {
        require(Role.CUSTOMER, Role.ADMIN);
        return isAdmin() || subject.equals(customerId);
    }

    /** The name written into the audit trail. */
    public String actor() {
        return subject;
    }
}

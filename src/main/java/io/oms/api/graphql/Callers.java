package io.oms.api.graphql;

import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns the verified bearer token of the current request into a {@link Caller}. */
@ApplicationScoped
public class Callers {
    /** JWT claim with the location code of a warehouse token. */
    static final String LOCATION_CLAIM = "location";

    private final SecurityIdentity identity;

    public Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * A warehouse token reaches fulfillment orders of its own location; the whole order behind them (other
     * locations' shipments, refunds, the audit trail, the customer's email) is not theirs to read.
     */
    static void refuseWarehouseStaff(Caller caller, String instead) {
        if (!caller.isAdmin() && caller.has(Role.WAREHOUSE)) {
            throw new AccessDeniedException("Warehouse staff see " + instead + ", not the order");
        }
    }

    /** When the current bearer token expires ({@code exp}); empty without a token or without that claim. */
    public Optional<Instant> tokenExpiry() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        long exp = token.getExpirationTime();
        return exp > 0 ? Optional.of(Instant.ofEpochSecond(exp)) : Optional.empty();
    }

    public Caller current() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Caller.ANONYMOUS;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(group -> Role.fromClaim(group).ifPresent(roles::add));
        // Asked only when the token has it: smallrye-jwt looks a claim's name up among the standard ones first and
        // builds an exception, stack trace included, for every other name (1% of the service's CPU under load,
        // for customers' tokens, which never carry a location).
        Optional<String> location = Optional.of(token)
                .filter(t -> t.getClaimNames().contains(LOCATION_CLAIM))
                .map(t -> t.<Object>getClaim(LOCATION_CLAIM))
                .map(Object::toString)
                .map(value -> value.replace("\"", ""));
        return new Caller(token.getSubject(), roles, location);
    }
}

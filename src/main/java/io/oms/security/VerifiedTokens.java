package io.oms.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, not on every request: the RSA signature check took about 18% of the service's Java
 * time, and a client sends the same token for minutes. smallrye-jwt's validator ({@code MpJwtValidator}) parses
 * every bearer token through the {@link JWTParser} bean; this alternative takes its place and hands the token to
 * smallrye-jwt's own {@link DefaultJWTParser}, which does every check it did before (signature against the
 * configured key or JWKS, issuer, audience, expiry, required claims, groups as roles). A token it accepted is kept,
 * keyed by the whole token, so a token that differs in any character (a forged signature, an edited claim) is a
 * miss and verified from scratch.
 *
 * <p>The only checks that change with time are expiry ({@code exp} plus the configured clock skew) and, when
 * configured, the token's age; an entry is served only before the earlier of the two, and refused after it even
 * while still cached. Nothing else about an accepted token can turn false later, except a key the identity
 * provider withdraws from its JWKS: a token it signed stays accepted until it expires (minutes for access
 * tokens), as it would at any service that verified it once. At most {@code oms.security.verified-tokens.max-size}
 * tokens are kept; a full cache drops the expired ones, then arbitrary ones.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    private final JWTParser verifier;
    private final long skewSeconds;
    private final Long maxAgeSeconds;
    private final int maxSize;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /** A verified token and the first second (epoch) at which it must no longer be accepted. */
    private record Verified(JsonWebToken token, long refusedFrom) {}

    @Inject
    public VerifiedTokens(
            DefaultJWTParser verifier,
            JWTAuthContextInfo context,
            @ConfigProperty(name = "oms.security.verified-tokens.max-size", defaultValue = "4096") int maxSize) {
        // The system clock, as jose4j's expiry check uses it; not the application's Clock, which tests move.
        this(verifier, context, maxSize, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, JWTAuthContextInfo context, int maxSize, Clock clock) {
        this.verifier = verifier;
        // The same skew DefaultJWTTokenParser allows on exp: the deprecated grace period when set, else the skew.
        this.skewSeconds = Math.max(
                0, context.getExpGracePeriodSecs() > 0 ? context.getExpGracePeriodSecs() : context.getClockSkew());
        this.maxAgeSeconds = context.getTokenAge();
        this.maxSize = maxSize;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.refusedFrom()) {
                return hit.token();
            }
            verified.remove(token, hit);
            throw new ParseException("The token has expired");
        }
        JsonWebToken jwt = verifier.parse(token);
        long refusedFrom = refusedFrom(jwt);
        if (now >= refusedFrom) {
            // The verifier reads the same clock and refuses such a token already; this keeps the rule in one place.
            throw new ParseException("The token has expired");
        }
        makeRoom();
        verified.put(token, new Verified(jwt, refusedFrom));
        return jwt;
    }

    /** Whether this very token is kept (tests). */
    boolean holds(String token) {
        return verified.containsKey(token);
    }

    /** How many tokens are kept now (tests). */
    int size() {
        return verified.size();
    }

    private long refusedFrom(JsonWebToken jwt) {
        long refusedFrom = jwt.getExpirationTime() + skewSeconds;
        if (maxAgeSeconds != null) {
            refusedFrom = Math.min(refusedFrom, jwt.getIssuedAtTime() + maxAgeSeconds);
        }
        return refusedFrom;
    }

    private void makeRoom() {
        if (verified.size() < maxSize) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        verified.values().removeIf(entry -> now >= entry.refusedFrom());
        if (verified.size() < maxSize) {
            return;
        }
        // Still full: drop a tenth, whichever come first in the map, so that this scan is not repeated on every miss.
        Iterator<String> keys = verified.keySet().iterator();
        for (int excess = verified.size() - maxSize * 9 / 10; excess > 0 && keys.hasNext(); excess--) {
            keys.next();
            keys.remove();
        }
    }

    // Tokens given with another context, key or secret are not the bearer tokens of requests: verified every time.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

package io.oms.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Tokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of smallrye-jwt's real verifier (the dev key pair, the issuer of every profile), with a clock
 * the test moves: what verification refuses is refused whether or not the token was seen before.
 */
class VerifiedTokensTest {
    private static final int SKEW = 60;

    private PrivateKey signingKey;
    private JWTAuthContextInfo context;
    private MovableClock clock;

    @BeforeEach
    void keys() throws Exception {
        signingKey = KeyUtils.decodePrivateKey(Files.readString(Path.of("dev-keys/jwt-private.pem")));
        context = new JWTAuthContextInfo(
                KeyUtils.decodePublicKey(Files.readString(Path.of("dev-keys/jwt-public.pem"))), Tokens.ISSUER);
        context.setClockSkew(SKEW);
        clock = new MovableClock(Instant.now());
    }

    private VerifiedTokens cache(int maxSize) {
        return new VerifiedTokens(new DefaultJWTParser(context), context, maxSize, clock);
    }

    private String token(String subject, String role, long lifetimeSeconds) {
        long now = clock.instant().getEpochSecond();
        return Jwt.issuer(Tokens.ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(now + lifetimeSeconds)
                .sign(signingKey);
    }

    @Test
    void aTokenIsVerifiedOnceAndServedWithItsRolesUntilItExpires() throws Exception {
        VerifiedTokens tokens = cache(100);
        String token = token("c-1", "customer", 300);
        JsonWebToken first = tokens.parse(token);
        assertEquals(Set.of("customer"), first.getGroups());
        assertSame(first, tokens.parse(token), "the second request is served from the cache");
        clock.advance(300 + SKEW - 1);
        assertSame(first, tokens.parse(token), "still valid within the verifier's clock skew");
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhenCached() throws Exception {
        VerifiedTokens tokens = cache(100);
        String token = token("c-2", "customer", 300);
        tokens.parse(token);
        clock.advance(300 + SKEW);
        assertThrows(ParseException.class, () -> tokens.parse(token));
        assertThrows(ParseException.class, () -> tokens.parse(token), "and on every later request");
        assertEquals(0, tokens.size(), "and no longer kept");
    }

    @Test
    void aTokenPastItsConfiguredAgeIsRefusedEvenWhenCached() throws Exception {
        context.setTokenAge(60L);
        VerifiedTokens tokens = cache(100);
        String token = token("c-3", "customer", 3600);
        tokens.parse(token);
        clock.advance(61);
        assertThrows(ParseException.class, () -> tokens.parse(token));
    }

    @Test
    void aTamperedTokenIsRefusedThoughTheGenuineOneIsCached() throws Exception {
        VerifiedTokens tokens = cache(100);
        String token = token("c-4", "customer", 300);
        tokens.parse(token);
        String[] parts = token.split("\\.");
        // The customer's own signature on a payload that claims the admin role.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"customer\""), payload);
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("\"customer\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String elevated = parts[0] + "." + forgedPayload + "." + parts[2];
        assertThrows(ParseException.class, () -> tokens.parse(elevated));
        // One character of the signature changed.
        char last = parts[2].charAt(10);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        assertThrows(ParseException.class, () -> tokens.parse(badSignature));
        assertEquals(1, tokens.size(), "only the genuine token is kept");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        VerifiedTokens tokens = cache(100);
        String other = Jwt.issuer("https://elsewhere.example/issuer")
                .subject("c-5")
                .groups("admin")
                .sign(signingKey);
        assertThrows(ParseException.class, () -> tokens.parse(other));
        assertEquals(0, tokens.size());
    }

    @Test
    void theCacheIsBounded() throws Exception {
        VerifiedTokens tokens = cache(10);
        for (int i = 0; i < 35; i++) {
            tokens.parse(token("c-many-" + i, "customer", 300));
            assertTrue(tokens.size() <= 10, "at most 10 kept, " + tokens.size() + " after " + (i + 1));
        }
        String last = token("c-last", "customer", 300);
        JsonWebToken verified = tokens.parse(last);
        assertSame(verified, tokens.parse(last), "a full cache still keeps the newest token");
    }

    @Test
    void aFullCacheDropsExpiredTokensFirst() throws Exception {
        // A full cache of 100: dropping anything but the expired token would drop valid ones.
        VerifiedTokens tokens = cache(100);
        String shortLived = token("c-short", "customer", 10);
        tokens.parse(shortLived);
        String[] longLived = new String[99];
        for (int i = 0; i < longLived.length; i++) {
            longLived[i] = token("c-long-" + i, "customer", 3600);
            tokens.parse(longLived[i]);
        }
        clock.advance(10 + SKEW);
        String fresh = token("c-new", "customer", 3600);
        tokens.parse(fresh);
        assertFalse(tokens.holds(shortLived), "the expired token made room");
        for (String token : longLived) {
            assertTrue(tokens.holds(token), "a token still valid was dropped while an expired one could go");
        }
        assertTrue(tokens.holds(fresh));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.oms.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start in production with a token verification key that cannot work or that everybody has. The
 * development key pair in dev-keys/ is public (its private half is in the repository), so a production service
 * that trusted it would accept tokens anyone can mint, for any role. smallrye-jwt reads its key only when the
 * first token arrives; this reads it at start-up, so a missing or public key stops the rollout instead.
 * A JWKS URL is not fetched here: the identity provider serves it, and it cannot hold our private key.
 */
@ApplicationScoped
public class DevelopmentKeyGuard {
    private static final Logger LOG = Logger.getLogger(DevelopmentKeyGuard.class);
    /**
     * SHA-256 of the RSA modulus of dev-keys/jwt-public.pem (unsigned, big-endian). DevelopmentKeyGuardTest keeps
     * it in step with that file.
     */
    static final String DEVELOPMENT_MODULUS_SHA256 = "70e09c3cdf31f8fec14f60aa9eacf65f70f1db58fc56619c9c9f5707cff89f98";

    private static final Pattern PEM_BODY =
            Pattern.compile("-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);
    private static final Pattern JWK_MODULUS = Pattern.compile("\"n\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

    private final Optional<String> location;
    private final Optional<String> inlineKey;
    private final boolean developmentKeyAllowed;

    public DevelopmentKeyGuard(
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey,
            @ConfigProperty(name = "security.jwt.allow-development-key", defaultValue = "false")
                    boolean developmentKeyAllowed) {
        this.location = location;
        this.inlineKey = inlineKey;
        this.developmentKeyAllowed = developmentKeyAllowed;
    }

    void onStart(@Observes StartupEvent event) {
        if (ConfigUtils.isProfileActive("prod")) {
            check();
        }
    }

    /** Throws when the configured key is unreadable or the development key (unless that is allowed). */
    void check() {
        String key = inlineKey
                .filter(value -> !value.isBlank())
                .orElseGet(() -> read(location.orElseThrow(() ->
                        new IllegalStateException("No JWT verification key: set OMS_JWT_PUBLIC_KEY_LOCATION (a PEM "
                                + "file) or OMS_JWT_JWKS_URL"))));
        if (key == null) {
            return; // a JWKS URL
        }
        if (isDevelopmentKey(key)) {
            if (!developmentKeyAllowed) {
                throw new IllegalStateException("Refusing to start: the JWT verification key is the development key "
                        + "of dev-keys/, whose private half is public, so anyone could mint tokens for any role. Give "
                        + "production its identity provider's key (OMS_JWT_PUBLIC_KEY_LOCATION or OMS_JWT_JWKS_URL).");
            }
            LOG.warn("The JWT verification key is the public development key (OMS_JWT_ALLOW_DEVELOPMENT_KEY=true): "
                    + "anyone can mint tokens for this instance. Never in production.");
        }
    }

    /** The key text at a location, or null for an http(s) URL (a JWKS endpoint). */
    private static String read(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return null;
        }
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream(
                                location.substring("classpath:".length()).replaceFirst("^/", ""))) {
                    if (in == null) {
                        throw new IOException("no such resource");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location.replaceFirst("^file:", "")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Refusing to start: the JWT verification key " + location + " cannot be read (" + e.getMessage()
                            + "), so no bearer token could be verified",
                    e);
        }
    }

    /** True when {@code key} (a PEM public key, or a JWK / JWK set) holds the development key's modulus. */
    static boolean isDevelopmentKey(String key) {
        Matcher pem = PEM_BODY.matcher(key);
        while (pem.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
                RSAPublicKey rsa =
                        (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                if (isDevelopmentModulus(rsa.getModulus())) {
                    return true;
                }
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                // not an RSA key: it cannot be the development key either
            }
        }
        Matcher jwk = JWK_MODULUS.matcher(key);
        while (jwk.find()) {
            if (isDevelopmentModulus(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.group(1))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDevelopmentModulus(BigInteger modulus) {
        byte[] bytes = modulus.toByteArray();
        int leadingZero = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, leadingZero, bytes.length - leadingZero);
            return HexFormat.of().formatHex(sha256.digest()).equals(DEVELOPMENT_MODULUS_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

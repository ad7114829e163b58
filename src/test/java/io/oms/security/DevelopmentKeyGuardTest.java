package io.oms.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the production start-up check accepts as a JWT verification key (the packaged check: DevelopmentKeyRefusedIT). */
class DevelopmentKeyGuardTest {
    private static final Path DEVELOPMENT_KEY = Path.of("dev-keys/jwt-public.pem");

    @Test
    void recognisesTheCommittedDevelopmentKeyAsPemAndAsJwk() throws Exception {
        String pem = Files.readString(DEVELOPMENT_KEY);
        assertTrue(DevelopmentKeyGuard.isDevelopmentKey(pem), "the fingerprint must follow dev-keys/jwt-public.pem");
        assertTrue(DevelopmentKeyGuard.isDevelopmentKey(jwks(modulus(pem))), "the same key served as a JWK set");
    }

    @Test
    void anyOtherKeyIsAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey other = (RSAPublicKey) generator.generateKeyPair().getPublic();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(other.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertFalse(DevelopmentKeyGuard.isDevelopmentKey(pem));
        assertFalse(DevelopmentKeyGuard.isDevelopmentKey(jwks(other.getModulus())));
    }

    @Test
    void refusesTheDevelopmentKeyUnlessExplicitlyAllowed() {
        String location = DEVELOPMENT_KEY.toAbsolutePath().toString();
        assertThrows(IllegalStateException.class, () -> guard(location, false).check());
        assertThrows(
                IllegalStateException.class,
                () -> guard("file:" + location, false).check());
        assertDoesNotThrow(() -> guard(location, true).check());
    }

    @Test
    void refusesAKeyFileThatCannotBeReadAndTrustsAJwksUrl(@TempDir Path directory) {
        assertThrows(
                IllegalStateException.class,
                () -> guard(directory.resolve("missing.pem").toString(), false).check());
        assertDoesNotThrow(() ->
                guard("https://idp.example.com/.well-known/jwks.json", false).check());
    }

    private static DevelopmentKeyGuard guard(String location, boolean allowed) {
        return new DevelopmentKeyGuard(Optional.of(location), Optional.empty(), allowed);
    }

    private static BigInteger modulus(String pem) throws Exception {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return ((RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(body))))
                .getModulus();
    }

    private static String jwks(BigInteger modulus) {
        byte[] bytes = modulus.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        String n = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + n
                + "\",\"e\":\"AQAB\"}]}";
    }
}

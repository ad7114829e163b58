package io.oms.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtKeyLocationTest {
    private static String location(Map<String, String> config) {
        return JwtKeyLocation.choose(config::get);
    }

    @Test
    void theJwksUrlWinsWhenItIsGiven() {
        assertEquals(
                "https://idp.example.com/jwks",
                location(Map.of(
                        "OMS_JWT_JWKS_URL", "https://idp.example.com/jwks",
                        "OMS_JWT_PUBLIC_KEY_LOCATION", "/etc/oms/jwt/public.pem")));
    }

    @Test
    void anEmptyJwksUrlAsTheConfigMapsLeaveItMeansThePemFile() {
        assertEquals(
                "/etc/oms/jwt/public.pem",
                location(Map.of("OMS_JWT_JWKS_URL", " ", "OMS_JWT_PUBLIC_KEY_LOCATION", "/etc/oms/jwt/public.pem")));
        assertEquals(
                "/etc/oms/jwt/public.pem", location(Map.of("OMS_JWT_PUBLIC_KEY_LOCATION", "/etc/oms/jwt/public.pem")));
    }

    @Test
    void withNeitherThereIsNoLocation() {
        assertNull(location(Map.of("OMS_JWT_JWKS_URL", "")));
    }
}

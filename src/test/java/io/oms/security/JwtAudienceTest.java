package io.oms.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With OMS_JWT_AUDIENCE set (as the k8s overlays do), a token is accepted only if its "aud" names this service:
 * a token the same identity provider issued for another service is refused like a forged one (HTTP 401).
 */
@QuarkusTest
@TestProfile(JwtAudienceTest.WithAudience.class)
class JwtAudienceTest {
    static final String AUDIENCE = "oms-api-test";

    public static class WithAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The variable application.properties reads, not mp.jwt.verify.audiences itself: this is the wiring.
            return Map.of("OMS_JWT_AUDIENCE", AUDIENCE);
        }
    }

    private static final String STUCK = "{\"query\":\"{ stuckOrders { totalCount } }\"}";

    @Test
    void aTokenForThisAudienceIsAccepted() {
        String token = Jwt.issuer(Tokens.ISSUER)
                .subject("admin-aud")
                .groups("admin")
                .audience(AUDIENCE)
                .sign();
        Integer total = given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token)
                .body(STUCK)
                .post("/graphql")
                .then()
                .statusCode(200)
                .extract()
                .path("data.stuckOrders.totalCount");
        assertNotNull(total);
    }

    @Test
    void aTokenWithoutOrForAnotherAudienceIsRefused() {
        String none =
                Jwt.issuer(Tokens.ISSUER).subject("admin-aud").groups("admin").sign();
        String other = Jwt.issuer(Tokens.ISSUER)
                .subject("admin-aud")
                .groups("admin")
                .audience("billing")
                .sign();
        for (String token : new String[] {none, other}) {
            assertEquals(
                    401,
                    given().contentType(ContentType.JSON)
                            .header("Authorization", "Bearer " + token)
                            .body(STUCK)
                            .post("/graphql")
                            .statusCode());
        }
    }
}

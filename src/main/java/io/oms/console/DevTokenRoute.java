package io.oms.console;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's "pick a role" sign-in, in the dev profile only: mints a bearer token signed with the
 * development key pair that the dev profile trusts (dev-keys/, the same token dev-keys/token.sh makes), so
 * that trying the console needs no shell. The bean is not built into any other profile, so a packaged service
 * answers 404 here and the console offers only pasting a token.
 *
 * <p>{@code GET /console/dev-token} lists the roles it mints; {@code POST /console/dev-token?role=admin} or
 * {@code ?role=warehouse&location=WH-EAST} answers {@code {"token": "..."}}. Signing uses the JDK alone:
 * smallrye-jwt-build is a test dependency, and the service must not carry it.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevTokenRoute {
    /** The roles the console serves: admins, and warehouse staff of one location. */
    private static final List<String> ROLES = List.of("admin", "warehouse");

    private static final Pattern LOCATION_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final Path keyLocation;
    private final Duration lifetime;
    private final Clock clock;
    private volatile PrivateKey key;

    public DevTokenRoute(
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "oms.console.dev-token.key-location", defaultValue = "dev-keys/jwt-private.pem")
                    Path keyLocation,
            @ConfigProperty(name = "oms.console.dev-token.lifetime", defaultValue = "PT8H") Duration lifetime,
            Clock clock) {
        this.issuer = issuer;
        this.keyLocation = keyLocation;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.get("/console/dev-token").handler(ctx -> json(ctx, 200, new JsonObject().put("roles", ROLES)));
        // Reading the key file and signing are blocking work: off the event loop.
        router.post("/console/dev-token").blockingHandler(this::mint);
    }

    private void mint(RoutingContext ctx) {
        String role = ctx.request().getParam("role");
        String location = ctx.request().getParam("location");
        if (!ROLES.contains(role)) {
            json(ctx, 400, new JsonObject().put("error", "role must be one of " + ROLES));
            return;
        }
        if (role.equals("warehouse")
                && (location == null || !LOCATION_CODE.matcher(location).matches())) {
            json(ctx, 400, new JsonObject().put("error", "a warehouse token needs the location code"));
            return;
        }
        long now = clock.instant().getEpochSecond();
        String subject = role.equals("warehouse") ? "console-" + location.toLowerCase() : "console-admin";
        JsonObject claims = new JsonObject()
                .put("iss", issuer)
                .put("sub", subject)
                .put("upn", subject)
                .put("groups", new JsonArray().add(role))
                .put("iat", now)
                .put("exp", now + lifetime.toSeconds());
        if (role.equals("warehouse")) {
            claims.put("location", location);
        }
        try {
            json(ctx, 200, new JsonObject().put("token", sign(claims)));
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    private String sign(JsonObject claims) throws Exception {
        String unsigned = encode(new JsonObject().put("alg", "RS256").put("typ", "JWT")) + "." + encode(claims);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key());
        rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + BASE64URL.encodeToString(rsa.sign());
    }

    private PrivateKey key() throws java.io.IOException, GeneralSecurityException {
        if (key == null) {
            String pem = Files.readString(keyLocation)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
        return key;
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}

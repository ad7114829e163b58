package io.oms.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Where production verifies bearer tokens: the identity provider's JWKS URL ({@value #JWKS_URL}) when it is given,
 * else the PEM file ({@value #PEM_LOCATION}). The k8s ConfigMaps set {@value #JWKS_URL} to an empty string when a
 * PEM Secret is used, and a config expression cannot fall back on an empty value ({@code ${A:${B}}} with A empty
 * is empty: the service refused to start with "Failed to load config value ... publickey.location"), so this
 * source chooses, treating blank as unset. Both are read as configuration (the environment, or system properties
 * as the integration tests pass them).
 *
 * <p>It gives the prod profile's property only, with an ordinal above {@code application.properties} and below
 * the environment: dev, test and docker keep their development key, and {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}
 * still overrides it. With neither set it gives nothing, and Quarkus reports the missing key. Registered in
 * META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public final class JwtKeyLocation implements ConfigSourceFactory {
    static final String JWKS_URL = "OMS_JWT_JWKS_URL";
    static final String PEM_LOCATION = "OMS_JWT_PUBLIC_KEY_LOCATION";
    static final String PROPERTY = "%prod.mp.jwt.verify.publickey.location";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String location = choose(name -> {
            ConfigValue value = context.getValue(name);
            return value == null ? null : value.getValue();
        });
        if (location == null) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("oms-jwt-key-location", Map.of(PROPERTY, location), ORDINAL) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The JWKS URL unless blank, else the PEM location unless blank, else null. */
    static String choose(Function<String, String> config) {
        String jwks = config.apply(JWKS_URL);
        if (jwks != null && !jwks.isBlank()) {
            return jwks.strip();
        }
        String pem = config.apply(PEM_LOCATION);
        return pem == null || pem.isBlank() ? null : pem.strip();
    }
}

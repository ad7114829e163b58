package io.oms.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * CORS from the environment: {@code OMS_CORS_ORIGINS} (property {@code oms.cors.origins}), a comma-separated list of
 * browser origins such as {@code https://shop.example.com,https://admin.example.com}, turns Quarkus' CORS filter on
 * for exactly those origins ({@code quarkus.http.cors.enabled} and {@code quarkus.http.cors.origins}). Unset or
 * blank: the filter stays off and no response carries a CORS header, as before. Quarkus' filter can only be turned
 * on by a boolean of its own (with no origins it would refuse every cross-origin request with 403), so this source
 * derives both from the one variable. Its ordinal is below application.properties': an explicit
 * {@code quarkus.http.cors.*} there or in the environment still wins. Registered in
 * META-INF/services/io.smallrye.config.ConfigSourceFactory; the methods, headers and max age allowed are in
 * application.properties.
 */
public final class CorsOrigins implements ConfigSourceFactory {
    static final String PROPERTY = "oms.cors.origins";
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(PROPERTY);
        List<String> origins = parse(value == null ? null : value.getValue());
        if (origins.isEmpty()) {
            return List.of();
        }
        return List.of(
                new MapBackedConfigSource(
                        "OMS_CORS_ORIGINS",
                        Map.of(
                                "quarkus.http.cors.enabled",
                                "true",
                                "quarkus.http.cors.origins",
                                String.join(",", origins)),
                        ORDINAL) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The origins of a comma-separated list, trimmed, without empty entries. */
    static List<String> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .collect(Collectors.toList());
    }
}

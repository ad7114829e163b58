package io.oms.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the native image reads from {@code application.properties} when it runs in a cluster: the prod profile,
 * that is the {@code %prod.} keys over the profile-less ones, with Quarkus' defaults for what is not set.
 */
final class ApplicationProperties {
    /** {@code ${NAME}} or {@code ${NAME:default}}; the default runs to the matching brace (no nesting here). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");
    private static final String PROD = "%prod.";

    private final Properties properties;

    private ApplicationProperties(Properties properties) {
        this.properties = properties;
    }

    static ApplicationProperties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApplicationProperties(properties);
    }

    /** The raw value in prod, placeholders unexpanded. */
    Optional<String> prod(String key) {
        return Optional.ofNullable(properties.getProperty(PROD + key, properties.getProperty(key)));
    }

    String prod(String key, String quarkusDefault) {
        return prod(key).orElse(quarkusDefault);
    }

    /** The value in prod with its placeholders expanded from {@code environment}, or from their defaults. */
    Optional<String> prod(String key, Map<String, String> environment) {
        return prod(key).map(value -> {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            StringBuilder expanded = new StringBuilder();
            while (placeholder.find()) {
                String replacement = environment.getOrDefault(placeholder.group(1),
                        placeholder.group(2) == null ? "" : placeholder.group(2));
                placeholder.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
            }
            return placeholder.appendTail(expanded).toString();
        });
    }

    int httpPort() {
        return Integer.parseInt(prod("quarkus.http.port", "8080"));
    }

    boolean managementInterfaceEnabled() {
        return Boolean.parseBoolean(prod("quarkus.management.enabled", "false"));
    }

    /** Where health and metrics answer: the management interface's port when it is enabled, else the public one. */
    int operationsPort() {
        return managementInterfaceEnabled() ? Integer.parseInt(prod("quarkus.management.port", "9000")) : httpPort();
    }

    Duration shutdownTimeout() {
        return prod("quarkus.shutdown.timeout").map(ApplicationProperties::duration).orElse(Duration.ZERO);
    }

    String livenessPath() {
        return resolve(healthRoot(), prod("quarkus.smallrye-health.liveness-path", "live"));
    }

    String readinessPath() {
        return resolve(healthRoot(), prod("quarkus.smallrye-health.readiness-path", "ready"));
    }

    String startupPath() {
        return resolve(healthRoot(), prod("quarkus.smallrye-health.startup-path", "started"));
    }

    String metricsPath() {
        return resolve(nonApplicationRoot(), prod("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    /**
     * The environment variables the service reads in prod: the placeholders in the values of prod keys, and
     * the environment form of every prod key (MicroProfile Config maps {@code QUARKUS_HTTP_PORT} to
     * {@code quarkus.http.port}).
     */
    Set<String> environmentVariablesRead() {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith(PROD)) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(key));
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
            names.add(key.replaceFirst("^" + Pattern.quote(PROD), "").replaceAll("[^A-Za-z0-9]", "_")
                    .toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /** The placeholders of prod keys without a default: start-up fails unless the environment sets them. */
    Set<String> environmentVariablesRequired() {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith(PROD)) {
                continue;
            }
            if (!key.startsWith(PROD) && properties.containsKey(PROD + key)) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(key));
            while (placeholder.find()) {
                if (placeholder.group(2) == null) {
                    names.add(placeholder.group(1));
                }
            }
        }
        return names;
    }

    /** The root of /q/health and /q/metrics: the management interface's root path when it is enabled. */
    private String nonApplicationRoot() {
        if (managementInterfaceEnabled()) {
            return resolve("/", prod("quarkus.management.root-path", "q"));
        }
        return resolve(prod("quarkus.http.root-path", "/"), prod("quarkus.http.non-application-root-path", "q"));
    }

    private String healthRoot() {
        return resolve(nonApplicationRoot(), prod("quarkus.smallrye-health.root-path", "health"));
    }

    /** Quarkus' rule for its endpoint paths: an absolute path stands alone, a relative one nests in its parent. */
    private static String resolve(String parent, String path) {
        String resolved = path.startsWith("/") ? path : parent.replaceAll("/+$", "") + "/" + path;
        return resolved.length() > 1 ? resolved.replaceAll("/+$", "") : resolved;
    }

    /** Quarkus' duration syntax: ISO-8601 ({@code PT20S}), a number of seconds, or a number with a unit. */
    static Duration duration(String value) {
        String text = value.trim();
        if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(text);
        }
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.toLowerCase(Locale.ROOT).endsWith("d")) {
            return Duration.parse("P" + text.toUpperCase(Locale.ROOT));
        }
        return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    }
}

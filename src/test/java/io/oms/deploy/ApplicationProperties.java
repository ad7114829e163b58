package io.oms.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the native image reads from {@code application.properties} when it runs in a cluster: the prod profile,
 * that is the {@code %prod.} keys over the profile-less ones, with Quarkus' defaults for what is not set.
 */
final class ApplicationProperties {
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

    /**
     * The value in prod with its placeholders expanded from {@code environment}, or from their defaults. As in
     * SmallRye Config, a variable set to the empty string counts as unset.
     */
    Optional<String> prod(String key, Map<String, String> environment) {
        return prod(key).map(value -> expand(value, environment));
    }

    private static String expand(String value, Map<String, String> environment) {
        StringBuilder expanded = new StringBuilder();
        int at = 0;
        for (Placeholder placeholder : Placeholder.in(value)) {
            expanded.append(value, at, placeholder.start());
            String set = environment.get(placeholder.name());
            expanded.append(
                    set != null && !set.isEmpty()
                            ? set
                            : placeholder.fallback() == null ? "" : expand(placeholder.fallback(), environment));
            at = placeholder.end();
        }
        return expanded.append(value.substring(at)).toString();
    }

    /**
     * One {@code ${NAME}} or {@code ${NAME:default}} of a value, at [start, end); the default may itself hold
     * placeholders ({@code ${A:${B}}}: A, or else B).
     */
    record Placeholder(String name, String fallback, int start, int end) {
        static List<Placeholder> in(String value) {
            List<Placeholder> found = new ArrayList<>();
            int from = 0;
            while ((from = value.indexOf("${", from)) >= 0) {
                int depth = 0;
                int close = -1;
                for (int i = from; i < value.length(); i++) {
                    if (value.startsWith("${", i)) {
                        depth++;
                        i++;
                    } else if (value.charAt(i) == '}' && --depth == 0) {
                        close = i;
                        break;
                    }
                }
                if (close < 0) {
                    throw new IllegalArgumentException("Unbalanced placeholder in " + value);
                }
                String inside = value.substring(from + 2, close);
                int colon = inside.indexOf(':');
                found.add(new Placeholder(
                        colon < 0 ? inside : inside.substring(0, colon),
                        colon < 0 ? null : inside.substring(colon + 1),
                        from,
                        close + 1));
                from = close + 1;
            }
            return found;
        }

        /** Every variable this placeholder may read, its defaults' included. */
        Set<String> names() {
            Set<String> names = new TreeSet<>(Set.of(name));
            if (fallback != null) {
                in(fallback).forEach(inner -> names.addAll(inner.names()));
            }
            return names;
        }

        /**
         * The variables of which one must be set for this placeholder to have a value: {@code ${A:${B}}} needs A or
         * B; empty when a literal default ends the chain.
         */
        Set<String> requiredAlternatives() {
            if (fallback == null) {
                return new TreeSet<>(Set.of(name));
            }
            List<Placeholder> inner = in(fallback);
            if (inner.size() == 1 && inner.get(0).start() == 0 && inner.get(0).end() == fallback.length()) {
                Set<String> alternatives = inner.get(0).requiredAlternatives();
                if (!alternatives.isEmpty()) {
                    alternatives.add(name);
                }
                return alternatives;
            }
            return new TreeSet<>();
        }
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
        return prod("quarkus.shutdown.timeout")
                .map(ApplicationProperties::duration)
                .orElse(Duration.ZERO);
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
            Placeholder.in(properties.getProperty(key)).forEach(placeholder -> names.addAll(placeholder.names()));
            names.add(key.replaceFirst("^" + Pattern.quote(PROD), "")
                    .replaceAll("[^A-Za-z0-9]", "_")
                    .toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * The placeholders of prod keys without a default: start-up fails unless the environment sets them. Each
     * element is a set of alternatives, one of which must be set ({@code ${A:${B}}}: A or B).
     */
    Set<Set<String>> environmentVariablesRequired() {
        Set<Set<String>> names = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith(PROD)) {
                continue;
            }
            if (!key.startsWith(PROD) && properties.containsKey(PROD + key)) {
                continue;
            }
            for (Placeholder placeholder : Placeholder.in(properties.getProperty(key))) {
                Set<String> alternatives = placeholder.requiredAlternatives();
                if (!alternatives.isEmpty()) {
                    names.add(alternatives);
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

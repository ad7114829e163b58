package io.oms.infra.tracing;

import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is on exactly when an OTLP endpoint is given ({@value #ENDPOINT}): this source answers
 * {@code quarkus.otel.sdk.disabled} with {@code true} while the variable is unset or blank. Quarkus' exporter has
 * no "off" at run time (an unset endpoint means {@code localhost:4317}, and every export to nobody would log a
 * failure), and which exporter runs is fixed at build time, so the switch is the SDK itself.
 *
 * <p>Its ordinal is below {@code application.properties} and the environment: a profile there (the tests' in-memory
 * exporter) or {@code QUARKUS_OTEL_SDK_DISABLED} still decides.
 */
public final class TracingSwitch implements ConfigSource {
    static final String ENDPOINT = "OMS_OTEL_ENDPOINT";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final int ORDINAL = 150;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public String getValue(String propertyName) {
        if (!SDK_DISABLED.equals(propertyName)) {
            return null;
        }
        return String.valueOf(sdkDisabled(System.getenv(ENDPOINT)));
    }

    /** Off without an endpoint, on with one. */
    static boolean sdkDisabled(String endpoint) {
        return endpoint == null || endpoint.isBlank();
    }

    @Override
    public String getName() {
        return "oms-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

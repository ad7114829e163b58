package io.oms.infra.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    @Test
    void tracingIsOffWithoutAnEndpointAndOnWithOne() {
        assertTrue(TracingSwitch.sdkDisabled(null));
        assertTrue(TracingSwitch.sdkDisabled(" "));
        assertFalse(TracingSwitch.sdkDisabled("http://otel-collector.observability:4317"));
    }

    @Test
    void itAnswersOnlyTheSdkSwitchBelowApplicationPropertiesAndIsRegistered() {
        TracingSwitch source = new TracingSwitch();
        assertNull(source.getValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        assertEquals(
                String.valueOf(TracingSwitch.sdkDisabled(System.getenv("OMS_OTEL_ENDPOINT"))),
                source.getValue("quarkus.otel.sdk.disabled"));
        assertTrue(source.getOrdinal() < 250, "application.properties (250) and its %test profile decide first");
        assertTrue(ServiceLoader.load(ConfigSource.class).stream()
                .anyMatch(provider -> provider.type() == TracingSwitch.class));
    }
}

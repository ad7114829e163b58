package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application in its prod profile, as k8s/ runs it: without any notification channel it refuses to
 * start (every notice would be skipped, silently for the customer), unless notifications are switched off on
 * purpose; with a webhook it starts.
 */
class ProductionChannelCheckIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void refusesToStartWithoutAChannelUnlessSwitchedOff() throws Exception {
        Launch none = launch(Map.of());
        assertNotEquals(0, none.exitCode(), none.output());
        assertTrue(none.output().contains("OMS_NOTIFICATIONS_ENABLED"), "the log says what to set: " + none.output());

        Launch withWebhook = launch(
                Map.of("OMS_WEBHOOK_URL", "http://localhost:9/hooks", "OMS_WEBHOOK_SECRET", "whsec_" + "A".repeat(44)));
        assertEquals(-1, withWebhook.exitCode(), "started and kept running: " + withWebhook.output());
    }

    private record Launch(int exitCode, String output) {}

    /** Starts the jar; returns its exit code, or -1 when it started and was stopped by the test. */
    private static Launch launch(Map<String, String> extra) throws Exception {
        assertTrue(Files.exists(JAR), "package the application first (mvn verify does)");
        Path log = Files.createTempFile("oms-channel-check", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String jdbc = System.getenv().getOrDefault("OMS_TEST_DB_JDBC_URL", "jdbc:postgresql://localhost:5432/oms_test");
        Map<String, String> env = new HashMap<>(Map.of(
                "OMS_DB_JDBC_URL", jdbc,
                "OMS_DB_REACTIVE_URL", jdbc.replaceFirst("^jdbc:", ""),
                "OMS_JWT_PUBLIC_KEY_LOCATION",
                        Path.of("dev-keys/jwt-public.pem").toAbsolutePath().toString(),
                // the dev key, allowed on purpose: this test is about channels (DevelopmentKeyRefusedIT is about keys)
                "OMS_JWT_ALLOW_DEVELOPMENT_KEY", "true",
                "QUARKUS_HTTP_PORT", String.valueOf(freePort()),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        env.putAll(extra);
        builder.environment().keySet().removeIf(name -> name.startsWith("OMS_") && !name.startsWith("OMS_DB_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (process.isAlive() && System.currentTimeMillis() < deadline) {
            if (Files.readString(log).contains("started in")) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                return new Launch(-1, Files.readString(log));
            }
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            return new Launch(-2, "did not start or stop in 90 s: " + Files.readString(log));
        }
        return new Launch(process.exitValue(), Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

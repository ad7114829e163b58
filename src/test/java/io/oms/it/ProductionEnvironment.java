package io.oms.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a deployment gives the packaged application (see k8s/): the database URLs and the JWT public key,
 * as the environment variables that the prod profile requires. The application is started with them as
 * system properties; nothing else of the test profile applies to it.
 */
public class ProductionEnvironment implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String jdbc = System.getenv().getOrDefault("OMS_TEST_DB_JDBC_URL", "jdbc:postgresql://localhost:5432/oms_test");
        return Map.of(
                "OMS_DB_JDBC_URL",
                jdbc,
                "OMS_DB_REACTIVE_URL",
                jdbc.replaceFirst("^jdbc:", ""),
                "OMS_JWT_PUBLIC_KEY_LOCATION",
                Path.of("dev-keys/jwt-public.pem").toAbsolutePath().toString(),
                "OMS_NOTIFICATIONS_ENABLED", // as the shipped ConfigMap: no channel configured, switched off on purpose
                "false");
    }

    @Override
    public void stop() {}
}

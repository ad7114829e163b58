package io.oms.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, in its prod profile, refuses to start when it is given the development public key
 * of dev-keys/, whose private half is in the repository: such a service would accept tokens anyone can mint.
 */
class DevelopmentKeyRefusedIT {

    @Test
    void productionDoesNotStartWithTheDevelopmentKey() {
        new PostgresTestDatabase().start();
        String jdbc = Db.jdbcUrl();
        ProductionEnvironment.Exit exit = ProductionEnvironment.run(
                Map.of(
                        "OMS_DB_JDBC_URL",
                        jdbc,
                        "OMS_DB_REACTIVE_URL",
                        jdbc.replaceFirst("^jdbc:", ""),
                        "OMS_DB_USER",
                        Db.user(),
                        "OMS_DB_PASSWORD",
                        Db.password(),
                        // as base/configmap.yaml leaves it: no JWKS URL, so the PEM file is the key
                        "OMS_JWT_JWKS_URL",
                        "",
                        "OMS_JWT_PUBLIC_KEY_LOCATION",
                        Path.of("dev-keys/jwt-public.pem").toAbsolutePath().toString(),
                        "QUARKUS_HTTP_PORT",
                        "0",
                        "QUARKUS_MANAGEMENT_PORT",
                        "0",
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
                        "false",
                        // a channel check must not refuse first: this test is about the key
                        "OMS_NOTIFICATIONS_ENABLED",
                        "false"),
                90);
        assertNotNull(
                exit.code(), "still running after 90 s, so it started with the development key:\n" + exit.output());
        assertNotEquals(0, exit.code(), exit.output());
        assertTrue(exit.output().contains("the JWT verification key is the development key"), exit.output());
    }
}

package io.oms.it;

import com.sun.net.httpserver.HttpServer;
import io.oms.support.Db;
import io.oms.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a deployment (k8s/) gives the packaged application, done the same way here:
 * <ul>
 * <li>the migration step first: the packaged application itself, as the schema owner, with
 * OMS_MIGRATE_AND_EXIT=true (the init container "migrate"), which must migrate and exit 0;</li>
 * <li>then the service, logging in as a member of oms_readwrite, which cannot change the schema, with
 * OMS_MIGRATE_AT_START=false and OMS_VALIDATE_SCHEMA_AT_START=true;</li>
 * <li>tokens verified against an identity provider's JWKS URL (OMS_JWT_JWKS_URL, served here from a key pair made
 * for this run: prod refuses the development key) with an audience (OMS_JWT_AUDIENCE). The tests sign with the
 * private half, which the failsafe configuration in pom.xml points smallrye-jwt-build at, with this audience.</li>
 * </ul>
 * The returned values reach the application as system properties; nothing else of the test profile applies to it.
 */
public class ProductionEnvironment implements QuarkusTestResourceLifecycleManager {
    /** quarkus.management.test-port's default, where @TestHTTPResource(management = true) points. */
    private static final String MANAGEMENT_TEST_PORT = "9001";
    /** The same value as smallrye.jwt.new-token.audience in the failsafe configuration (pom.xml). */
    static final String AUDIENCE = "oms-it";

    static final Path KEYS = Path.of("target/it-keys");
    static final String SERVICE_ROLE = "oms_service_it";
    private static final String SERVICE_PASSWORD = "service-role-it";

    private HttpServer identityProvider;

    @Override
    public Map<String, String> start() {
        new PostgresTestDatabase().start();
        String jdbc = Db.jdbcUrl();
        String reactive = jdbc.replaceFirst("^jdbc:", "");
        String jwks = startIdentityProvider(newKeyPair());

        Map<String, String> common = new HashMap<>(Map.of(
                "OMS_DB_JDBC_URL",
                jdbc,
                "OMS_DB_REACTIVE_URL",
                reactive,
                "OMS_JWT_JWKS_URL",
                jwks,
                "OMS_JWT_AUDIENCE",
                AUDIENCE,
                "OMS_NOTIFICATIONS_ENABLED", // as the shipped ConfigMap: no channel configured, switched off on purpose
                "false"));
        Map<String, String> migration = new HashMap<>(common);
        migration.putAll(Map.of(
                "OMS_DB_USER",
                Db.user(),
                "OMS_DB_PASSWORD",
                Db.password(),
                "OMS_MIGRATE_AND_EXIT",
                "true",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
                "false",
                // It exits before it listens; should it not, it must not take the ports of the service under test.
                "QUARKUS_HTTP_PORT",
                "0",
                "QUARKUS_MANAGEMENT_PORT",
                "0"));
        runMigrationStep(migration);
        createServiceRole();

        Map<String, String> service = new HashMap<>(common);
        service.putAll(Map.of(
                "OMS_DB_USER",
                SERVICE_ROLE,
                "OMS_DB_PASSWORD",
                SERVICE_PASSWORD,
                "OMS_MIGRATE_AT_START",
                "false",
                "OMS_VALIDATE_SCHEMA_AT_START",
                "true",
                // The launcher moves the public port to quarkus.http.test-port, but not the management one.
                "quarkus.management.port",
                MANAGEMENT_TEST_PORT));
        return service;
    }

    @Override
    public void stop() {
        if (identityProvider != null) {
            identityProvider.stop(0);
        }
    }

    /** The packaged application (the native executable under -Dnative, else the fast-jar) as a command. */
    static List<String> packagedApplication() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return new ArrayList<>(List.of(Path.of(nativeImage).toAbsolutePath().toString()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(
                java,
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
    }

    /** Runs the packaged application with {@code environment} until it exits; its exit code and output. */
    static Exit run(Map<String, String> environment, long timeoutSeconds) {
        try {
            Path output = Files.createTempFile(Path.of("target"), "packaged-run", ".log");
            ProcessBuilder builder = new ProcessBuilder(packagedApplication())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Exit(null, Files.readString(output));
            }
            return new Exit(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a run of the packaged application ended: its exit code (null: still running at the time-out). */
    record Exit(Integer code, String output) {}

    private static void runMigrationStep(Map<String, String> environment) {
        Exit exit = run(environment, 120);
        if (exit.code() == null || exit.code() != 0) {
            throw new IllegalStateException("The migration step (OMS_MIGRATE_AND_EXIT=true) did not exit 0 but "
                    + exit.code() + ":\n" + exit.output());
        }
    }

    private static void createServiceRole() {
        try (Connection owner = Db.connect();
                var statement = owner.createStatement()) {
            boolean exists;
            try (var found = statement.executeQuery("select 1 from pg_roles where rolname = '" + SERVICE_ROLE + "'")) {
                exists = found.next();
            }
            statement.execute((exists ? "alter" : "create") + " role " + SERVICE_ROLE + " login password '"
                    + SERVICE_PASSWORD + "'");
            statement.execute("grant oms_readwrite to " + SERVICE_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the service role " + SERVICE_ROLE, e);
        }
    }

    /** A key pair for this run: the private half for the tests to sign with, the public half for the JWKS. */
    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(KEYS);
            Files.writeString(
                    KEYS.resolve("jwt-private.pem"),
                    "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(pair.getPrivate().getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the public key as a JWK set, as an identity provider's jwks_uri does; returns its URL. */
    private String startIdentityProvider(KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        byte[] modulus = key.getModulus().toByteArray();
        if (modulus[0] == 0) {
            modulus = Arrays.copyOfRange(modulus, 1, modulus.length);
        }
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        byte[] body = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"it-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                        + base64url.encodeToString(modulus) + "\",\"e\":\""
                        + base64url.encodeToString(key.getPublicExponent().toByteArray()) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        identityProvider.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityProvider.start();
        return "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/.well-known/jwks.json";
    }
}

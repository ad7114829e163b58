package io.oms.ops;

import io.oms.migration.FlywaySessionLock;
import io.oms.support.Db;
import io.oms.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The database as a deployment leaves it: migrated by the schema owner in a step of its own (Flyway, with the
 * afterMigrate callback that grants oms_readwrite), and a login role for the service that is only a member of
 * oms_readwrite. In k8s/ the owner is the Cluster's "oms" and the login role "oms_service" (managed roles).
 */
public class ServiceRoleDatabase implements QuarkusTestResourceLifecycleManager {
    static final String ROLE = "oms_service_test";
    static final String PASSWORD = "service-role-test";

    @Override
    public Map<String, String> start() {
        new PostgresTestDatabase().start();
        // The migration step, as the owner (the test suite's own user).
        Flyway.configure()
                .dataSource(Db.jdbcUrl(), Db.user(), Db.password())
                .locations("classpath:db/migration")
                .configuration(FlywaySessionLock.SESSION_LOCK)
                .load()
                .migrate();
        try (Connection owner = Db.connect();
                var statement = owner.createStatement()) {
            boolean exists;
            try (var found = statement.executeQuery("select 1 from pg_roles where rolname = '" + ROLE + "'")) {
                exists = found.next();
            }
            statement.execute((exists ? "alter" : "create") + " role " + ROLE + " login password '" + PASSWORD + "'");
            statement.execute("grant oms_readwrite to " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the service's test role " + ROLE, e);
        }
        return Map.of();
    }

    static Connection connectAsService() throws SQLException {
        return DriverManager.getConnection(Db.jdbcUrl(), ROLE, PASSWORD);
    }

    @Override
    public void stop() {}
}

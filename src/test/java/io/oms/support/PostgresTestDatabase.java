package io.oms.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Makes sure the test database exists before Quarkus starts, so that the README's test command works on a
 * fresh machine with nothing but a running PostgreSQL. The tests never delete data: each test makes its own
 * customers, SKUs and locations, so runs do not interfere.
 */
@WithTestResource(value = PostgresTestDatabase.class, scope = TestResourceScope.GLOBAL)
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String url = Db.jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(maintenance, Db.user(), Db.password());
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot reach PostgreSQL at " + maintenance
                            + " to create the test database; is it running? (see README)",
                    e);
        }
        return Map.of();
    }

    @Override
    public void stop() {}
}

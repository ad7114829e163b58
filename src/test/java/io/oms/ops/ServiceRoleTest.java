package io.oms.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service runs as a role that reads and writes but cannot change the schema, as k8s/ deploys it: it does not
 * migrate (a separate step did, as the owner), only checks the schema at start-up, and still places, pays and
 * routes orders, LISTENs, NOTIFYs and takes advisory locks. Tables that later migrations create are covered too.
 */
@QuarkusTest
@TestProfile(ServiceRoleTest.AsServiceRole.class)
class ServiceRoleTest {

    public static class AsServiceRole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.username",
                    ServiceRoleDatabase.ROLE,
                    "quarkus.datasource.password",
                    ServiceRoleDatabase.PASSWORD,
                    // the variables the k8s Deployment sets for the service container
                    "OMS_MIGRATE_AT_START",
                    "false",
                    "OMS_VALIDATE_SCHEMA_AT_START",
                    "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ServiceRoleDatabase.class));
        }
    }

    @Test
    void theServiceLogsInAsTheRestrictedRoleAndPlacesPaysAndRoutesOrders() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("ROLE"), "WAREHOUSE", 10, 42.36, -71.06), sku, 3);
        String id = Routing.paidOrder(null, sku, 2);
        assertNotEquals("PAID", Routing.awaitRouted(id, 20_000).getString("data.order.status"));
        assertEquals(1, Db.count("select count(*) from fulfillment_orders where order_id = ?", UUID.fromString(id)));

        // Every connection of the service is the restricted role's, its LISTEN connection included.
        String database = Db.jdbcUrl().replaceFirst("^.*/", "").replaceFirst("\\?.*$", "");
        assertTrue(
                Db.count(
                                "select count(*) from pg_stat_activity where datname = ? and usename = ?",
                                database,
                                ServiceRoleDatabase.ROLE)
                        > 0,
                "the service holds no connection as " + ServiceRoleDatabase.ROLE);
        assertTrue(
                Db.count(
                                "select count(*) from pg_stat_activity where datname = ? and usename = ? and query"
                                        + " ilike 'listen%'",
                                database, ServiceRoleDatabase.ROLE)
                        > 0,
                "no LISTEN connection as the role");
    }

    @Test
    void theRoleUsesWhatTheServiceNeedsBeyondTables() throws SQLException {
        try (Connection role = ServiceRoleDatabase.connectAsService();
                var statement = role.createStatement()) {
            statement.execute("listen oms_service_role_probe");
            statement.execute("select pg_notify('oms_service_role_probe', 'x')");
            try (var lock = statement.executeQuery("select pg_try_advisory_lock(424242)")) {
                assertTrue(lock.next() && lock.getBoolean(1));
            }
            statement.execute("select pg_advisory_unlock(424242)");
            try (var number = statement.executeQuery("select nextval('order_number_seq')")) {
                assertTrue(number.next());
            }
            try (var history = statement.executeQuery("select count(*) from flyway_schema_history")) {
                assertTrue(history.next() && history.getLong(1) > 0, "the schema check reads Flyway's history");
            }
        }
    }

    @Test
    void theRoleCannotChangeTheSchemaNorFlywaysHistory() throws SQLException {
        List<String> refused = List.of(
                "create table service_role_probe (id integer)",
                "alter table orders add column service_role_probe integer",
                "create index service_role_probe_idx on orders (email)",
                "drop table order_events",
                "truncate notifications",
                "create schema service_role_probe",
                "create function service_role_probe() returns integer language sql as 'select 1'",
                "update flyway_schema_history set success = true",
                "delete from flyway_schema_history");
        try (Connection role = ServiceRoleDatabase.connectAsService()) {
            for (String statement : refused) {
                SQLException error = assertThrows(
                        SQLException.class,
                        () -> {
                            try (var s = role.createStatement()) {
                                s.execute(statement);
                            }
                        },
                        statement);
                assertEquals("42501", error.getSQLState(), statement + ": " + error.getMessage());
            }
        }
    }

    @Test
    void aTableALaterMigrationCreatesIsReadAndWrittenByTheRole() throws SQLException {
        String table = "service_role_future_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection owner = Db.connect();
                var statement = owner.createStatement()) {
            // What a migration to come does, as the role that runs the migrations (the owner).
            statement.execute("create table " + table + " (id bigint generated always as identity primary key,"
                    + " note text not null)");
        }
        try (Connection role = ServiceRoleDatabase.connectAsService();
                var statement = role.createStatement()) {
            statement.execute("insert into " + table + " (note) values ('written by the service')");
            statement.execute("update " + table + " set note = 'changed'");
            try (var rows = statement.executeQuery("select note from " + table)) {
                assertTrue(rows.next());
                assertEquals("changed", rows.getString(1));
            }
            statement.execute("delete from " + table);
        } finally {
            try (Connection owner = Db.connect();
                    var statement = owner.createStatement()) {
                statement.execute("drop table " + table);
            }
        }
    }
}

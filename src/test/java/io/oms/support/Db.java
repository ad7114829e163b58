package io.oms.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC to check what the service wrote, independently of the service's own code. */
public final class Db {
    private Db() {}

    public static String jdbcUrl() {
        return env("OMS_TEST_DB_JDBC_URL", "jdbc:postgresql://localhost:5432/oms_test");
    }

    public static String user() {
        return env("OMS_DB_USER", "postgres");
    }

    public static String password() {
        return env("OMS_DB_PASSWORD", "");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    public static long count(String sql, Object... params) {
        List<List<Object>> rows = query(sql, params);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    public static List<List<Object>> query(String sql, Object... params) {
        try (Connection c = connect();
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            var rs = statement.executeQuery();
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int execute(String sql, Object... params) throws SQLException {
        try (Connection c = connect();
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** A write the test needs as setup; a failure is the test's own bug. */
    public static int update(String sql, Object... params) {
        try {
            return execute(sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits, up to 10 s, until some session waits for a row lock in a statement whose text contains {@code
     * statement}: the moment a test that holds the row has been waiting for.
     */
    public static void awaitLockWait(String statement) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count(
                                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?",
                                "%" + statement + "%")
                        == 0
                && System.currentTimeMillis() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

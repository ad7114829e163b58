package io.oms.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The migrations, with Flyway configured as the service configures it, run to the end on an empty database,
 * CREATE INDEX CONCURRENTLY included. With Flyway's default lock (a transaction held open while it migrates) such
 * a migration waits for that transaction forever: here that is a time-out, not a hung build.
 */
@QuarkusTest
class ConcurrentIndexMigrationTest {
    @Inject
    Flyway flyway;

    @Test
    void everyMigrationRunsToTheEndOnAnEmptyDatabaseConcurrentIndexesIncluded() throws Exception {
        String database = "oms_migration_check_" + UUID.randomUUID().toString().substring(0, 8);
        String url = Db.jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        execute("create database " + database);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Flyway fresh = Flyway.configure(Thread.currentThread().getContextClassLoader())
                    .configuration(flyway.getConfiguration())
                    .dataSource(url, Db.user(), Db.password())
                    .load();
            Future<MigrateResult> migration = runner.submit(fresh::migrate);
            MigrateResult result;
            try {
                result = migration.get(90, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "the migrations did not finish within 90 s: a CONCURRENTLY index waiting for "
                                + "Flyway's own transaction?",
                        e);
            }
            assertTrue(result.success);
            assertEquals(flyway.info().all().length, fresh.info().applied().length, "every migration applied");
            try (Connection scratch = DriverManager.getConnection(url, Db.user(), Db.password());
                    var invalid = scratch.createStatement()
                            .executeQuery("select count(*) from pg_index where not indisvalid")) {
                invalid.next();
                assertEquals(0, invalid.getLong(1), "an index was left INVALID");
            }
        } finally {
            runner.shutdownNow();
            execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            execute("drop database if exists " + database);
        }
    }

    private static void execute(String sql) throws Exception {
        String maintenance = Db.jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
        try (Connection c = DriverManager.getConnection(maintenance, Db.user(), Db.password());
                var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}

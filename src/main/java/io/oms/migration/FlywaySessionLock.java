package io.oms.migration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Makes Flyway lock PostgreSQL with a session-level advisory lock instead of its default, a transaction-level one.
 * The default keeps a transaction open on Flyway's connection while the migrations run, and CREATE INDEX
 * CONCURRENTLY waits for every transaction older than itself to end, that one included: the migration would wait
 * forever. Every new index is built concurrently (README, "Migrations"), so this is not optional. The lock still
 * keeps two migration steps (two pods starting together) from migrating at once.
 */
@ApplicationScoped
public class FlywaySessionLock implements FlywayConfigurationCustomizer {
    /** The PostgreSQL plugin's setting; the plugin is not on the compile classpath, so it is set by name. */
    public static final Map<String, String> SESSION_LOCK = Map.of("flyway.postgresql.transactional.lock", "false");

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(SESSION_LOCK);
    }
}

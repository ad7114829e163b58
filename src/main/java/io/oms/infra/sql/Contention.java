package io.oms.infra.sql;

import io.vertx.pgclient.PgException;
import java.util.Set;

/**
 * Failures that say only "not now": another transaction held a row longer than we would wait, or PostgreSQL
 * chose this transaction to break a deadlock or a serialization conflict. The same work succeeds when tried
 * again; any other failure would fail again.
 */
public final class Contention {
    /** lock_not_available (lock_timeout), serialization_failure, deadlock_detected. */
    private static final Set<String> STATES = Set.of("55P03", "40001", "40P01");

    private Contention() {}

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && STATES.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}

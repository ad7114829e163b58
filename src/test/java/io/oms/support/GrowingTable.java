package io.oms.support;

import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Transactions;
import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/**
 * A table that is a page long when a session first runs a statement against it, then grows to 50,000 rows, with its
 * statistics never gathered (a new database, autovacuum off): the state in which a plan PostgreSQL kept for the
 * session reads the whole table at every execution.
 *
 * <p>The session is of its own (a lane of one connection, built with the pool's settings and statement cache), and
 * the table a temporary copy of the real one, indexes included, that hides the real one in that session only: the
 * statements under test are the service's own, unchanged.
 */
public final class GrowingTable implements AutoCloseable {
    /** PostgreSQL plans a prepared statement for its values five times before it may keep a generic plan. */
    private static final int RUNS_WHILE_SMALL = 10;

    private final Transactions session;
    private final String table;

    private GrowingTable(Transactions session, String table) {
        this.session = session;
        this.table = table;
    }

    /** An empty copy of {@code public.table} in a new session; {@code inserts} then fill it while it is small. */
    public static GrowingTable copyOf(Lanes lanes, String table, String... inserts) {
        GrowingTable copy = new GrowingTable(lanes.open("plans-" + table, 1).transactions(), table);
        copy.in(tx -> tx.execute("create temp table " + table + " (like public." + table + " including all)"));
        for (String insert : inserts) {
            copy.in(tx -> tx.execute(insert));
        }
        return copy;
    }

    /**
     * Runs {@code statement} (in a transaction of its own each time) while the table is small, grows the table with
     * {@code growth} (an insert of 50,000 rows the statement does not look for), runs it once more and returns how
     * many times that last run read the table sequentially.
     */
    public long sequentialScansAfterGrowth(Function<Tx, Uni<?>> statement, String growth) {
        for (int i = 0; i < RUNS_WHILE_SMALL; i++) {
            in(tx -> statement.apply(tx).replaceWithVoid());
        }
        in(tx -> tx.execute(growth));
        String scans = "select seq_scan from pg_stat_xact_all_tables where relid = 'pg_temp." + table + "'::regclass";
        // The session's counts not yet reported include earlier transactions': the run's own is the difference.
        return in(tx -> tx.one(scans, row -> row.getLong(0))
                .call(() -> statement.apply(tx))
                .chain(before -> tx.one(scans, row -> row.getLong(0) - before)));
    }

    /**
     * The whole run on a copy of {@code table} first filled by {@code rows}: see {@link #copyOf} and {@link
     * #sequentialScansAfterGrowth}.
     */
    public static long sequentialScansAfterGrowth(
            Lanes lanes, String table, String rows, Function<Tx, Uni<?>> statement, String growth) {
        try (GrowingTable copy = copyOf(lanes, table, rows)) {
            return copy.sequentialScansAfterGrowth(statement, growth);
        }
    }

    /** Runs work in a transaction of the session, where the copy hides the real table. */
    public <T> T in(Function<Tx, Uni<T>> work) {
        return session.run(work).await().indefinitely();
    }

    @Override
    public void close() {
        in(tx -> tx.execute("drop table pg_temp." + table));
    }
}

package io.oms.infra.sql;

import io.vertx.sqlclient.SqlConnectOptions;
import java.util.function.Predicate;

/**
 * Statements that PostgreSQL plans for the values of each execution, never with a plan it kept from earlier ones.
 *
 * <p>Why: the client keeps statements prepared on their connection, and after five executions PostgreSQL may keep
 * one generic plan for the connection's life, costed with the table's size and statistics of that moment. Most
 * statements here read through a unique key and keep an index plan at any size; a join of many keys against a table
 * ({@code update ... from unnest(ids)}) is planned as a read of the whole table while the table is a page long, and
 * a session that planned it on a new database kept reading the whole table as it grew (autovacuum's ANALYZE would
 * have replanned it; with statistics never refreshed nothing does). Such a statement is sent unprepared: parsed and
 * planned at each execution, with its values, which costs it a parse and keeps the statement cache's savings for the
 * others.
 */
public final class PlannedEachTime {
    /** A comment that marks the statement; PostgreSQL ignores it. */
    private static final String MARK = "/* planned each time */ ";

    private PlannedEachTime() {}

    /** The statement, marked so that no connection keeps it prepared. */
    public static String sql(String sql) {
        return MARK + sql;
    }

    /** Leaves marked statements out of the connection's prepared-statement cache, keeping the other rules. */
    static void apply(SqlConnectOptions options) {
        Predicate<String> cached = options.getPreparedStatementCacheSqlFilter();
        options.setPreparedStatementCacheSqlFilter(sql -> !sql.startsWith(MARK) && cached.test(sql));
    }
}

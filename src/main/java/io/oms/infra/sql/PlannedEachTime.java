package io.oms.infra.sql;

import io.vertx.sqlclient.SqlConnectOptions;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which statements PostgreSQL plans for the values of each execution: those that take a list of values ({@code
 * = any($1)}, {@code unnest($1)}). The others keep the plan PostgreSQL chooses for them.
 *
 * <p>Why: the client keeps statements prepared on their connection, and after five executions PostgreSQL may keep
 * one generic plan for the connection's life, costed with the tables' sizes and statistics of that moment. A generic
 * plan cannot know how many values a list holds (it assumes ten), and one made while a table was a page long reads
 * the whole table; on a database whose statistics are never refreshed (autovacuum off; its ANALYZE would replan)
 * the session kept reading the whole table as it grew. Locking an order, saving its lines, its open backorders, the
 * stock of its SKUs all did ({@code *PlansTest}). A statement over one key (an order's id) keeps an index plan at
 * any size and saves its planning. Sent unprepared, a list statement is parsed and planned at each execution, with
 * its values, as every statement was before generic plans were allowed again (docs/BENCHMARKS.md, "Eighth
 * session").
 */
public final class PlannedEachTime {
    /** A list bound as one parameter: {@code any($2)}, {@code unnest($1::uuid[], ...)}. */
    private static final Pattern LIST_PARAMETER =
            Pattern.compile("\\b(any|unnest)\\s*\\(\\s*\\$\\d", Pattern.CASE_INSENSITIVE);

    private PlannedEachTime() {}

    /** True for the statements that no connection keeps prepared. */
    public static boolean appliesTo(String sql) {
        return LIST_PARAMETER.matcher(sql).find();
    }

    /** Leaves those statements out of the connection's prepared-statement cache, keeping the other rules. */
    static void apply(SqlConnectOptions options) {
        Predicate<String> cached = options.getPreparedStatementCacheSqlFilter();
        options.setPreparedStatementCacheSqlFilter(sql -> !appliesTo(sql) && cached.test(sql));
    }
}

package io.oms.infra.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The connection of one database transaction. Every write of a use case goes through the same {@code Tx},
 * handed down explicitly from {@link Transactions#run}, so what a use case writes commits or rolls back as one.
 * Statements are prepared (and cached per connection by the client) and values are always bound, never
 * concatenated.
 */
public final class Tx {
    private final SqlConnection connection;
    private final Map<String, String> session;

    Tx(SqlConnection connection, Map<String, String> session) {
        this.connection = connection;
        this.session = session;
    }

    /**
     * A connection the caller manages: outside a transaction each statement commits by itself (a job that holds a
     * session advisory lock across many short statements), inside one the caller ends it (a test rolls back).
     */
    public static Tx on(SqlConnection connection) {
        return new Tx(connection, Map.of());
    }

    /** The connection as a plain client, for queries that run either in a transaction or on the pool. */
    public io.vertx.mutiny.sqlclient.SqlClient client() {
        return connection;
    }

    /** Runs a statement with positional parameters ($1, $2, ...); nulls are allowed. */
    public Uni<RowSet<Row>> execute(String sql, Object... args) {
        return query(sql, tuple(args));
    }

    /** Runs a statement with the values of a tuple built beforehand. */
    public Uni<RowSet<Row>> query(String sql, Tuple values) {
        return connection.preparedQuery(sql).execute(values);
    }

    /** Runs a write and returns how many rows it changed. */
    public Uni<Integer> update(String sql, Object... args) {
        return execute(sql, args).map(RowSet::rowCount);
    }

    /** The first row mapped, or null when there is none. */
    public <T> Uni<T> one(String sql, Function<Row, T> mapper, Object... args) {
        return execute(sql, args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? mapper.apply(it.next()) : null;
        });
    }

    /** Every row mapped, in the statement's order. */
    public <T> Uni<List<T>> list(String sql, Function<Row, T> mapper, Object... args) {
        return mapped(execute(sql, args), mapper);
    }

    private static <T> Uni<List<T>> mapped(Uni<RowSet<Row>> result, Function<Row, T> mapper) {
        return result.map(rows -> {
            List<T> list = new ArrayList<>(rows.size());
            rows.forEach(row -> list.add(mapper.apply(row)));
            return list;
        });
    }

    /**
     * One statement for many parameter rows, in list order; nothing when the list is empty. An insert of one row
     * of parameters runs as multi-row inserts of up to {@link #ROWS_PER_INSERT} rows (see {@link MultiRowInsert});
     * any other statement as one batch, in one round trip.
     */
    public Uni<Void> batch(String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        MultiRowInsert insert = rows.size() == 1 ? null : MultiRowInsert.of(sql);
        if (insert == null) {
            return connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
        }
        // PostgreSQL takes at most 65,535 parameters per statement.
        int perStatement = Math.max(1, Math.min(ROWS_PER_INSERT, MAX_PARAMETERS / insert.parameters()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            chain = chain.chain(() -> insertRows(insert, chunk));
        }
        return chain;
    }

    /**
     * An insert of one row of parameters with a RETURNING clause, run for all the rows as one multi-row insert (see
     * {@link MultiRowInsert}); what it returns, mapped. One statement, so that its subqueries see the tables as they
     * were before any of the rows (every row of a routing pass computes the same pass): hence at most {@link
     * #ROWS_PER_INSERT} rows.
     */
    public <T> Uni<List<T>> insertReturning(String sql, List<Tuple> rows, Function<Row, T> mapper) {
        if (rows.size() == 1) {
            return mapped(query(sql, rows.get(0)), mapper);
        }
        MultiRowInsert insert = MultiRowInsert.of(sql);
        if (insert == null || rows.isEmpty() || rows.size() > ROWS_PER_INSERT) {
            throw new IllegalArgumentException("not one insert of 1 to " + ROWS_PER_INSERT + " rows: " + rows.size());
        }
        return mapped(query(insert.sql(rows.size()), Tuple.from(rowValues(rows, insert.parameters()))), mapper);
    }

    /** Rows per multi-row insert: enough to amortise a statement, few enough to keep the SQL text small. */
    static final int ROWS_PER_INSERT = 500;

    private static final int MAX_PARAMETERS = 65_535;

    private Uni<Void> insertRows(MultiRowInsert insert, List<Tuple> chunk) {
        List<Object> values = rowValues(chunk, insert.parameters());
        return connection
                .preparedQuery(insert.sql(chunk.size()))
                .execute(Tuple.from(values))
                .replaceWithVoid();
    }

    /** The rows' values one after the other, each row holding {@code parameters} of them. */
    private static List<Object> rowValues(List<Tuple> rows, int parameters) {
        List<Object> values = new ArrayList<>(rows.size() * parameters);
        for (Tuple row : rows) {
            if (row.size() != parameters) {
                throw new IllegalArgumentException(
                        "a row has " + row.size() + " values for " + parameters + " parameters");
            }
            for (int i = 0; i < row.size(); i++) {
                values.add(row.getValue(i));
            }
        }
        return values;
    }

    /**
     * Marks a point this transaction can go back to ({@link #rollbackTo}) without ending: a step that wrote and then
     * found it must start over. Only for steps whose statements succeed; a failed statement still ends the whole
     * transaction (the client rolls back on the first error).
     */
    public Uni<Void> savepoint(String name) {
        return connection.query("savepoint " + name).execute().replaceWithVoid();
    }

    /** Undoes everything written since {@link #savepoint} {@code name}, keeping the transaction and its locks. */
    public Uni<Void> rollbackTo(String name) {
        return connection.query("rollback to savepoint " + name).execute().replaceWithVoid();
    }

    /**
     * Bounds every row lock this transaction waits for, so a blocked writer fails instead of hanging. Nothing to do
     * when the connection started with that bound (a lane's, {@link Lanes#open(String, int, Map)}): a statement
     * less in every routing.
     */
    public Uni<Void> lockTimeout(java.time.Duration timeout) {
        String value = timeout.toMillis() + "ms";
        if (value.equals(session.get("lock_timeout"))) {
            return Uni.createFrom().voidItem();
        }
        return execute("select set_config('lock_timeout', $1, true)", value).replaceWithVoid();
    }

    public static Tuple tuple(Object... args) {
        return Tuple.from(Arrays.asList(args));
    }
}

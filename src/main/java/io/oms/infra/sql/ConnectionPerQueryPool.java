package io.oms.infra.sql;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * The application's pool, running each one-shot query ({@code pool.query(..)}, {@code pool.preparedQuery(..)}) on
 * a connection taken with {@code getConnection()} instead of the pool's own query path.
 *
 * <p>Why: the pool's query path of the Vert.x SQL client (4.5, {@code SqlConnectionPool.execute}) arms a timer of
 * the pool's connection timeout (30 s) and cancels it only when a connection was obtained. While the database is
 * down every such query fails at once (connection refused), the timer stays armed, and 30 s later it fails the
 * query's promise a second time: Vert.x logs {@code IllegalStateException: Result is already complete} for each of
 * them (eclipse-vertx/vertx-sql-client#1706). A drill's 20 s outage under load left thousands of them, logged in a
 * burst after the database was back. {@code getConnection()} cancels its timer on failure as well as on success, so
 * a query through it fails once, with the same error, and nothing fires later. It also covers the queries of
 * Quarkus' own readiness check, which uses this pool.
 *
 * <p>Quarkus uses the {@link PgPoolCreator} bean, when there is one, to build the pool of the default datasource
 * from its configuration (URL, size, idle time-out, all as configured), and this one adds the service's rule of
 * which statements stay prepared ({@link PlannedEachTime}).
 */
final class ConnectionPerQueryPool implements PgPool {
    private final Pool pool;

    ConnectionPerQueryPool(Pool pool) {
        this.pool = pool;
    }

    /** Builds the default pool, and keeps the settings it was built with for {@link Lanes}. */
    @Singleton
    static class Creator implements PgPoolCreator {
        /** What Quarkus configured for the default datasource. */
        record Settings(Vertx vertx, List<PgConnectOptions> connectOptions, PoolOptions poolOptions) {}

        private volatile Settings settings;

        @Override
        public Pool create(Input input) {
            input.pgConnectOptionsList().forEach(PlannedEachTime::apply);
            settings = new Settings(input.vertx(), input.pgConnectOptionsList(), new PoolOptions(input.poolOptions()));
            return new ConnectionPerQueryPool(
                    PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions()));
        }

        Settings settings() {
            if (settings == null) {
                throw new IllegalStateException("the default pool has not been built yet");
            }
            return settings;
        }
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new OnConnection<>(pool, connection -> connection.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new OnConnection<>(pool, connection -> connection.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new OnConnection<>(pool, connection -> connection.preparedQuery(sql, options));
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        pool.getConnection(handler);
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return pool.getConnection();
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        pool.close(handler);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    /**
     * A query that takes a connection, runs there and gives the connection back. What it runs is built anew on
     * each connection from {@code onConnection}, mapping and collecting included. It is handed out as a {@link
     * Query} by {@code query(..)} and as a {@link PreparedQuery} by {@code preparedQuery(..)}, so the methods with
     * arguments are only reached for prepared ones.
     */
    private static final class OnConnection<T> implements PreparedQuery<T> {
        private final Pool pool;
        private final Function<SqlConnection, ? extends Query<T>> onConnection;

        OnConnection(Pool pool, Function<SqlConnection, ? extends Query<T>> onConnection) {
            this.pool = pool;
            this.onConnection = onConnection;
        }

        private Future<T> run(Function<Query<T>, Future<T>> execution) {
            return pool.withConnection(connection -> execution.apply(onConnection.apply(connection)));
        }

        private static <T> PreparedQuery<T> prepared(Query<T> query) {
            return (PreparedQuery<T>) query;
        }

        @Override
        public Future<T> execute() {
            return run(Query::execute);
        }

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return run(query -> prepared(query).execute(tuple));
        }

        @Override
        public void execute(Tuple tuple, Handler<AsyncResult<T>> handler) {
            execute(tuple).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return run(query -> prepared(query).executeBatch(batch));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new OnConnection<>(
                    pool, connection -> onConnection.apply(connection).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new OnConnection<>(
                    pool, connection -> onConnection.apply(connection).mapping(mapper));
        }
    }
}

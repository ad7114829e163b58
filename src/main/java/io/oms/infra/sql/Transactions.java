package io.oms.infra.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way use cases open a transaction: a pooled connection, BEGIN, the work, then COMMIT, or ROLLBACK when
 * the work fails. Nested use cases take the caller's {@link Tx} instead of opening a second transaction.
 */
@ApplicationScoped
public class Transactions {
    private final Pool pool;
    private final Map<String, String> session;

    @Inject
    public Transactions(Pool pool) {
        this(pool, Map.of());
    }

    /** Transactions on connections that start with these {@code session} settings (a {@link Lane}'s). */
    protected Transactions(Pool pool, Map<String, String> session) {
        this.pool = pool;
        this.session = Map.copyOf(session);
    }

    public <T> Uni<T> run(Function<Tx, Uni<T>> work) {
        // Deferred: a rule that throws while the work is being assembled fails the Uni and rolls back, like any other
        // failure.
        return started(() -> pool.withTransaction(
                connection -> Uni.createFrom().deferred(() -> work.apply(new Tx(connection, session)))));
    }

    /** Where a transaction starts: here, on the caller's context ({@link Lane} starts its own on the lane). */
    protected <T> Uni<T> started(Supplier<Uni<T>> transaction) {
        return transaction.get();
    }
}

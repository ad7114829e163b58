package io.oms.support;

import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.function.Function;

/**
 * The service tier's transaction support: runs a front door's methods in one real transaction on the service's
 * pool, hands back what the work returned, and rolls everything back, so a rule can be tested below the API
 * without leaving rows behind. (Quarkus' @TestReactiveTransaction does this for Hibernate Reactive sessions; the
 * service writes plain SQL on a connection instead.)
 */
public final class RolledBack {
    private RolledBack() {}

    public static <T> T run(Pool pool, Function<Tx, Uni<T>> work) {
        return pool.withConnection(connection -> connection
                        .begin()
                        .chain(transaction -> Uni.createFrom()
                                .deferred(() -> work.apply(Tx.on(connection)))
                                .onTermination()
                                .call(() -> transaction.rollback().onFailure().recoverWithNull())))
                .await()
                .atMost(Duration.ofSeconds(30));
    }
}

package io.oms.infra.sql;

import io.netty.channel.EventLoopGroup;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.spi.VertxThreadFactory;
import io.vertx.core.spi.transport.Transport;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An event loop of its own (one thread) and a connection pool whose connections live on it, for background work
 * that must not wait behind requests: the routing worker.
 *
 * <p>Why: on the shared event loops a routing transaction's dozen round trips each waited in the same queue as
 * every HTTP request of that loop, both for the socket read of PostgreSQL's answer and for the continuation. When
 * storefronts poll for the orders that wait to be routed, more waiting orders mean more polls, longer queues and
 * slower routing: an arrival rate the service sustains in a closed loop (90 orders/s) routed 5-17 orders/s in an
 * open loop while thousands waited (docs/BENCHMARKS.md, "Sixth session"). A lane's thread is scheduled by the
 * kernel beside the HTTP loops, and its queue holds only the lane's work.
 *
 * <p>The pool is created with no event loops of its own ({@code eventLoopSize} 0), so the Vert.x SQL client opens
 * each connection on the event loop of the context that asks for it; {@link #transactions()} start on the lane's,
 * whoever calls them. The SQL client's tracing and the log's trace ids work as on the shared loops: the context
 * belongs to the same Vert.x instance.
 */
public final class Lane {
    private final String name;
    private final EventLoopGroup loop;
    private final Context context;
    private final Pool pool;
    private final Transactions transactions;

    private Lane(String name, EventLoopGroup loop, Context context, Pool pool) {
        this.name = name;
        this.loop = loop;
        this.context = context;
        this.pool = pool;
        this.transactions = new Transactions(pool) {
            @Override
            protected <T> Uni<T> started(Supplier<Uni<T>> transaction) {
                return onLane() ? transaction.get() : onOwnContext(transaction);
            }
        };
    }

    /**
     * Starts the lane's thread ({@code oms-NAME-loop}) on the transport of {@code vertx} (NIO or native, whichever
     * Vert.x uses) for {@code pool}, a pool of {@code vertx} without event loops of its own.
     */
    static Lane start(VertxInternal vertx, String name, io.vertx.sqlclient.Pool pool) {
        ThreadFactory threads = task -> VertxThreadFactory.INSTANCE.newVertxThread(
                task, "oms-" + name + "-loop", false, vertx.maxEventLoopExecTime(), vertx.maxEventLoopExecTimeUnit());
        EventLoopGroup loop = vertx.transport().eventLoopGroup(Transport.IO_EVENT_LOOP_GROUP, 1, threads, 50);
        Context context = vertx.createEventLoopContext(
                loop.next(), null, Thread.currentThread().getContextClassLoader());
        return new Lane(name, loop, context, Pool.newInstance(pool));
    }

    /** The lane's event loop context: run work on a duplicated context of it (see Tracing.onOwnContext). */
    public Context context() {
        return context;
    }

    /**
     * Transactions on the lane's pool. Called from elsewhere than the lane's loop, a transaction starts on a
     * duplicated context of the lane (without the caller's context locals), so that every connection of the pool is
     * opened on the lane's loop: the pool opens a connection on the loop of whoever asks for it.
     */
    public Transactions transactions() {
        return transactions;
    }

    private boolean onLane() {
        Context current = Vertx.currentContext();
        return current != null
                && ((ContextInternal) current).nettyEventLoop() == ((ContextInternal) context).nettyEventLoop();
    }

    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context own = VertxContext.createNewDuplicatedContext(context);
        return Uni.createFrom()
                .<T>deferred(work::get)
                .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
    }

    public String name() {
        return name;
    }

    /** Closes the pool, then stops the thread once the pool's connections are closed. */
    Future<Void> close() {
        return pool.getDelegate().close().eventually(() -> {
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            return Future.succeededFuture();
        });
    }
}

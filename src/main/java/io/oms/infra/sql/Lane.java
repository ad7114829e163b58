package io.oms.infra.sql;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;
import io.vertx.core.spi.transport.Transport;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Event loops of their own and a connection pool whose connections live on them, for background work that must not
 * wait behind requests: the routing worker.
 *
 * <p>Why: on the shared event loops a routing transaction's dozen round trips each waited in the same queue as
 * every HTTP request of that loop, both for the socket read of PostgreSQL's answer and for the continuation. When
 * storefronts poll for the orders that wait to be routed, more waiting orders mean more polls, longer queues and
 * slower routing: an arrival rate the service sustains in a closed loop (90 orders/s) routed 5-17 orders/s in an
 * open loop while thousands waited (docs/BENCHMARKS.md, "Sixth session"). A lane's threads are scheduled by the
 * kernel beside the HTTP loops, and their queues hold only the lane's work.
 *
 * <p>The pool is created with no event loops of its own ({@code eventLoopSize} 0), so the Vert.x SQL client opens
 * each connection on the event loop of the context that asks for it, and prefers a connection of the asker's loop
 * when it lends one; {@link #transactions()} start on a lane's loop, whoever calls them. The SQL client's tracing
 * and the log's trace ids work as on the shared loops: the contexts belong to the same Vert.x instance.
 */
public final class Lane {
    private final String name;
    private final EventLoopGroup loops;
    private final List<Context> contexts;
    private final AtomicInteger next = new AtomicInteger();
    private final Pool pool;
    private final Transactions transactions;

    private Lane(String name, EventLoopGroup loops, List<Context> contexts, Pool pool, Map<String, String> session) {
        this.name = name;
        this.loops = loops;
        this.contexts = contexts;
        this.pool = pool;
        this.transactions = new Transactions(pool, session) {
            @Override
            protected <T> Uni<T> started(Supplier<Uni<T>> transaction) {
                return Uni.createFrom().deferred(() -> onLane() ? transaction.get() : onOwnContext(transaction));
            }
        };
    }

    /**
     * Starts the lane's {@code threads} ({@code oms-NAME-loop-N}) on the transport of {@code vertx} (NIO or native,
     * whichever Vert.x uses) for {@code pool}, a pool of {@code vertx} without event loops of its own, whose
     * connections start with the {@code session} settings. They are
     * daemon threads, like Vert.x's: {@link Lanes} stops them, and nothing left running keeps the JVM from exiting.
     * Unlike Vert.x's own, they are not watched for blocking (its checker takes only threads it made); the lane runs
     * only non-blocking SQL client calls, and Quarkus refuses blocking calls on any Vert.x event loop thread.
     */
    static Lane start(
            VertxInternal vertx, String name, int threads, io.vertx.sqlclient.Pool pool, Map<String, String> session) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            VertxThread thread = VertxThreadFactory.INSTANCE.newVertxThread(
                    task,
                    "oms-" + name + "-loop-" + count.getAndIncrement(),
                    false,
                    vertx.maxEventLoopExecTime(),
                    vertx.maxEventLoopExecTimeUnit());
            thread.setDaemon(true);
            return thread;
        };
        EventLoopGroup loops = vertx.transport().eventLoopGroup(Transport.IO_EVENT_LOOP_GROUP, threads, factory, 50);
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        List<Context> contexts = new ArrayList<>();
        for (EventExecutor loop : loops) {
            contexts.add(vertx.createEventLoopContext((io.netty.channel.EventLoop) loop, null, classLoader));
        }
        return new Lane(name, loops, List.copyOf(contexts), Pool.newInstance(pool), session);
    }

    /** An event loop context of the lane, each in turn: work on it takes its connections from that loop. */
    private Context context() {
        return contexts.get(Math.floorMod(next.getAndIncrement(), contexts.size()));
    }

    /**
     * Transactions on the lane's pool. Subscribed to elsewhere than on the lane's loops, a transaction starts on a
     * duplicated context of the lane (without the caller's context locals) and its result arrives there, so that
     * every connection of the pool is opened on a lane's loop: the pool opens a connection on the loop of whoever
     * asks for it.
     */
    public Transactions transactions() {
        return transactions;
    }

    private boolean onLane() {
        Context current = Vertx.currentContext();
        if (current == null) {
            return false;
        }
        for (Context context : contexts) {
            if (((ContextInternal) current).nettyEventLoop() == ((ContextInternal) context).nettyEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Subscribes to the work on a new duplicated context of one of the lane's loops. Quarkus keeps the current trace
     * context (and the log's trace ids) on the duplicated context, so whatever the work makes current stays with it,
     * never with the caller's context nor with the next piece of work's (a routing job's span, see Tracing).
     */
    public <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context own = VertxContext.createNewDuplicatedContext(context());
        return Uni.createFrom()
                .<T>deferred(work::get)
                .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
    }

    public String name() {
        return name;
    }

    /**
     * Closes the pool, then stops the threads, whether or not the pool closed within {@code seconds}; waits for them
     * as long again.
     */
    void close(long seconds) throws Exception {
        try {
            pool.getDelegate().close().toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } finally {
            loops.shutdownGracefully(0, seconds, TimeUnit.SECONDS).await(seconds, TimeUnit.SECONDS);
        }
    }
}

package io.oms.infra.health;

import io.quarkus.logging.LoggingFilter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Notices that the process ran out of memory. After an {@link OutOfMemoryError} a process is in an unknown state
 * (a thread may have died half-way, a buffer may be lost) and keeps failing requests while its probes still
 * answer UP, so {@link MemoryHealthCheck} turns liveness and readiness DOWN for good and Kubernetes replaces the
 * pod. The JVM images also run with {@code -XX:+ExitOnOutOfMemoryError}, which ends the process at once; this
 * watch is what a native executable has, and a backstop for a JVM started without the flag.
 *
 * <p>An OutOfMemoryError is seen where it surfaces: in a log record (Vert.x, Netty, Quarkus' HTTP error handler
 * and the scheduler log what their handlers throw; wired as the console handler's filter, {@code
 * quarkus.log.console.filter=out-of-memory-watch}), or as an exception no one caught (the default handler of
 * uncaught exceptions, which would only print it).
 */
@LoggingFilter(name = "out-of-memory-watch")
public final class OutOfMemoryWatch implements Filter {
    private static final AtomicReference<Instant> FIRST_SEEN = new AtomicReference<>();

    /** When the first OutOfMemoryError was seen, or null. */
    public static Instant firstSeen() {
        return FIRST_SEEN.get();
    }

    /** Records {@code thrown} if it is, or was caused by, an OutOfMemoryError. */
    static void notice(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof OutOfMemoryError) {
                FIRST_SEEN.compareAndSet(null, Instant.now());
                return;
            }
            current = current.getCause();
        }
    }

    /** Lets every record through; only looks at what it carries. */
    @Override
    public boolean isLoggable(LogRecord record) {
        notice(record.getThrown());
        return true;
    }

    /** Installs the watch as the handler of uncaught exceptions, in front of the one there was. */
    @ApplicationScoped
    static class UncaughtExceptions {
        void install(@Observes StartupEvent event) {
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> {
                notice(thrown);
                if (previous != null) {
                    previous.uncaughtException(thread, thrown);
                } else {
                    thread.getThreadGroup().uncaughtException(thread, thrown);
                }
            });
        }
    }
}

package io.oms.routing.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs (by order id, as notifications name them) that this replica's workers took on going on after another job,
 * before their notification arrived: often one whose payment has just committed. That notification would set
 * another worker to ask for a job and find none (a transaction for nothing: 0.4 per order at 32 clients). A job is remembered until its notification comes, or until {@code capacity} newer ones push it
 * out (jobs found by the poller have no notification coming). Thread-safe: workers and the listener run on
 * different event loops.
 */
final class TakenAhead {
    private final Map<String, Boolean> taken;

    TakenAhead(int capacity) {
        this.taken = new LinkedHashMap<>(capacity * 2, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A worker took this order's job. */
    synchronized void took(String orderId) {
        taken.put(orderId, Boolean.TRUE);
    }

    /** True (once) when a worker took this order's job already: its notification has nothing left to do. */
    synchronized boolean notified(String orderId) {
        return taken.remove(orderId) != null;
    }
}

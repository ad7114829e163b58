package io.oms.jobs;

import io.oms.notification.Dispatcher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Delivers due notifications from the outbox. */
@ApplicationScoped
public class NotificationPoller {
    private final Dispatcher dispatcher;

    public NotificationPoller(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(
            every = "${oms.notifications.poll-interval:2s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return dispatcher.dispatchDue().replaceWithVoid();
    }
}

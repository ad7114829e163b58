package io.oms.notification;

import io.oms.infra.PagingConfig;
import io.oms.infra.sql.Transactions;
import io.oms.kernel.Caller;
import io.oms.kernel.InvalidTransitionException;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Page;
import io.oms.kernel.PageArgs;
import io.oms.kernel.Role;
import io.oms.kernel.Times;
import io.oms.kernel.ValidationException;
import io.oms.notification.NotificationRecords.Filter;
import io.oms.notification.NotificationRecords.Notification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What operations do with notices (admins only): list them by status, order and kind, and put DEAD channels back in
 * the queue once the receiver or mail server works again. A redelivered channel starts a new retry window and keeps
 * its notice's id, so the webhook receiver sees the same webhook-id again.
 */
@ApplicationScoped
public class NotificationAdmin {
    /** Notices one redelivery takes at most; call again for more. */
    public static final int MAX_REDELIVERY = 200;

    private static final Logger LOG = Logger.getLogger(NotificationAdmin.class);

    private final NotificationRecords records;
    private final Transactions transactions;
    private final PagingConfig paging;
    private final Clock clock;

    public NotificationAdmin(NotificationRecords records, Transactions transactions, PagingConfig paging, Clock clock) {
        this.records = records;
        this.transactions = transactions;
        this.paging = paging;
        this.clock = clock;
    }

    public Uni<Page<Notification>> list(Caller caller, Filter filter, PageArgs page, boolean withTotal) {
        caller.require(Role.ADMIN);
        return records.page(filter, PagingConfig.request(paging, page).withTotal(withTotal));
    }

    /**
     * Requeues the DEAD channels ({@code channel} only, when given) of the notices {@code ids}, each of which must
     * exist and be DEAD; without ids, of up to {@link #MAX_REDELIVERY} DEAD notices (of {@code orderId}, when given),
     * oldest first. All or nothing. Returns the notices requeued, as they are after the commit.
     */
    public Uni<List<Notification>> redeliver(Caller caller, List<UUID> ids, UUID orderId, Channel channel) {
        caller.require(Role.ADMIN);
        if (ids != null && (ids.isEmpty() || ids.size() > MAX_REDELIVERY)) {
            throw new ValidationException("ids", "give 1 to " + MAX_REDELIVERY + " notice ids, or none for all DEAD");
        }
        OffsetDateTime now = Times.now(clock);
        return transactions
                .run(tx -> (ids == null ? records.lockDead(tx, orderId, MAX_REDELIVERY) : checked(tx, ids))
                        .chain(chosen -> chosen.isEmpty()
                                ? Uni.createFrom().item(List.<UUID>of())
                                : records.requeueDead(tx, chosen, channel, caller.actor(), now)
                                        .invoke(requeued -> {
                                            if (ids != null && requeued.size() < chosen.size()) {
                                                UUID none = chosen.stream()
                                                        .filter(id -> !requeued.contains(id))
                                                        .findFirst()
                                                        .orElseThrow();
                                                throw new ValidationException(
                                                        "channel",
                                                        "notice " + none + " has no DEAD " + channel + " channel");
                                            }
                                        })))
                .invoke(requeued -> LOG.infof("%s redelivered %d DEAD notice(s)", caller.actor(), requeued.size()))
                .chain(requeued -> requeued.isEmpty() ? Uni.createFrom().item(List.of()) : records.byIds(requeued));
    }

    private Uni<List<UUID>> checked(io.oms.infra.sql.Tx tx, List<UUID> ids) {
        List<UUID> distinct = ids.stream().distinct().toList();
        return records.lockStatuses(tx, distinct).map(statuses -> {
            for (UUID id : distinct) {
                NotificationStatus status = statuses.get(id);
                if (status == null) {
                    throw new NotFoundException("Notification", id);
                }
                if (status != NotificationStatus.DEAD) {
                    throw new InvalidTransitionException(
                            status,
                            NotificationStatus.PENDING,
                            "Notification " + id + " is " + status + "; only DEAD notices are redelivered");
                }
            }
            return distinct;
        });
    }
}

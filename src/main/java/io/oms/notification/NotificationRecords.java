package io.oms.notification;

import io.oms.infra.sql.KeysetPages;
import io.oms.infra.sql.Tx;
import io.oms.infra.sql.Where;
import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The notices as operations see them (each with its channels), and the SQL of their redelivery. */
@ApplicationScoped
public class NotificationRecords {
    public record Notification(
            UUID id,
            String kind,
            UUID orderId,
            String recipient,
            NotificationStatus status,
            String payload,
            OffsetDateTime createdAt,
            OffsetDateTime sentAt,
            List<ChannelDelivery> deliveries) {}

    public record ChannelDelivery(
            Channel channel,
            NotificationStatus status,
            int attempts,
            OffsetDateTime nextAttemptAt,
            String lastError,
            String skipReason,
            OffsetDateTime doneAt,
            OffsetDateTime redeliveredAt,
            String redeliveredBy) {}

    public record Filter(NotificationStatus status, UUID orderId, String kind) {}

    private static final String COLUMNS =
            "n.id, n.kind, n.order_id, n.recipient, n.status, n.payload::text, n.created_at, n.sent_at";

    private final Pool pool;

    public NotificationRecords(Pool pool) {
        this.pool = pool;
    }

    /** Newest first; by status served by notifications_status_idx, by order by notifications_order_idx. */
    public Uni<Page<Notification>> page(Filter filter, PageRequest request) {
        Where where = new Where();
        if (filter.status() != null) {
            where.and("n.status = $%d", filter.status().name());
        }
        if (filter.orderId() != null) {
            where.and("n.order_id = $%d", filter.orderId());
        }
        if (filter.kind() != null) {
            where.and("n.kind = $%d", filter.kind());
        }
        return KeysetPages.page(
                        pool,
                        "select " + COLUMNS + " from notifications n",
                        "from notifications n",
                        KeysetPages.Keyset.newestFirst(
                                "n.created_at",
                                "n.id",
                                n -> new Cursor(n.createdAt().toInstant(), n.id())),
                        where,
                        request,
                        NotificationRecords::notification)
                .chain(page -> withDeliveries(
                                page.edges().stream().map(e -> e.node()).toList())
                        .map(full -> {
                            Map<UUID, Notification> byId = new HashMap<>();
                            full.forEach(n -> byId.put(n.id(), n));
                            return new Page<>(
                                    page.edges().stream()
                                            .map(e -> new Page.Edge<>(
                                                    e.cursor(),
                                                    byId.get(e.node().id())))
                                            .toList(),
                                    page.hasNextPage(),
                                    page.hasPreviousPage(),
                                    page.totalCount());
                        }));
    }

    /** Notices by id, oldest first; absent ids are left out. */
    public Uni<List<Notification>> byIds(List<UUID> ids) {
        return pool.preparedQuery("select " + COLUMNS + " from notifications n where n.id = any($1)"
                        + " order by n.created_at, n.id")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<Notification> list = new ArrayList<>();
                    rows.forEach(row -> list.add(notification(row)));
                    return list;
                })
                .chain(this::withDeliveries);
    }

    /** The summary status of these notices, locked for a redelivery. */
    Uni<Map<UUID, NotificationStatus>> lockStatuses(Tx tx, List<UUID> ids) {
        return tx.list(
                        "select id, status from notifications where id = any($1) order by id for update",
                        row -> Map.entry(row.getUUID(0), NotificationStatus.valueOf(row.getString(1))),
                        (Object) ids.toArray(UUID[]::new))
                .map(entries -> {
                    Map<UUID, NotificationStatus> statuses = new HashMap<>();
                    entries.forEach(e -> statuses.put(e.getKey(), e.getValue()));
                    return statuses;
                });
    }

    /** Up to {@code limit} DEAD notices, oldest first, that another redelivery is not working on. */
    Uni<List<UUID>> lockDead(Tx tx, UUID orderId, int limit) {
        return tx.list("""
                select id from notifications
                where status = 'DEAD' and ($1::uuid is null or order_id = $1)
                order by created_at, id limit $2 for update skip locked""", row -> row.getUUID(0), orderId, limit);
    }

    /** Puts the DEAD channels of these notices back in the queue; returns the notices that had one. */
    Uni<List<UUID>> requeueDead(Tx tx, List<UUID> ids, Channel channel, String actor, OffsetDateTime now) {
        return tx.list(
                        """
                        update notification_deliveries set status = 'PENDING', attempts = 0, next_attempt_at = $3,
                            retrying_since = $3, done_at = null, redelivered_at = $3, redelivered_by = $4
                        where notification_id = any($1) and status = 'DEAD' and ($2::varchar is null or channel = $2)
                        returning notification_id""",
                        row -> row.getUUID(0),
                        ids.toArray(UUID[]::new),
                        channel == null ? null : channel.name(),
                        now,
                        actor)
                .map(requeued -> requeued.stream().distinct().toList());
    }

    private Uni<List<Notification>> withDeliveries(List<Notification> notices) {
        if (notices.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("""
                        select notification_id, channel, status, attempts, next_attempt_at, last_error, skip_reason,
                               done_at, redelivered_at, redelivered_by
                        from notification_deliveries where notification_id = any($1)
                        order by notification_id, channel desc""")
                .execute(Tuple.of(notices.stream().map(Notification::id).toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<ChannelDelivery>> byNotice = new HashMap<>();
                    for (Row row : rows) {
                        byNotice.computeIfAbsent(row.getUUID(0), id -> new ArrayList<>())
                                .add(new ChannelDelivery(
                                        Channel.valueOf(row.getString(1)),
                                        NotificationStatus.valueOf(row.getString(2)),
                                        row.getInteger(3),
                                        utc(row.getOffsetDateTime(4)),
                                        row.getString(5),
                                        row.getString(6),
                                        utc(row.getOffsetDateTime(7)),
                                        utc(row.getOffsetDateTime(8)),
                                        row.getString(9)));
                    }
                    return notices.stream()
                            .map(n -> new Notification(
                                    n.id(),
                                    n.kind(),
                                    n.orderId(),
                                    n.recipient(),
                                    n.status(),
                                    n.payload(),
                                    n.createdAt(),
                                    n.sentAt(),
                                    byNotice.getOrDefault(n.id(), List.of())))
                            .toList();
                });
    }

    private static Notification notification(Row row) {
        return new Notification(
                row.getUUID(0),
                row.getString(1),
                row.getUUID(2),
                row.getString(3),
                NotificationStatus.valueOf(row.getString(4)),
                row.getString(5),
                utc(row.getOffsetDateTime(6)),
                utc(row.getOffsetDateTime(7)),
                List.of());
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

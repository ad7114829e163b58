package io.oms.api.graphql;

import io.oms.kernel.Page;
import io.oms.notification.NotificationRecords;
import io.oms.notification.NotificationStatus;
import io.oms.notification.Outbox;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The notices of the outbox as the operations console reads them (admin). */
final class NotificationTypes {
    private NotificationTypes() {}

    public enum NotificationKind {
        BACKORDER_CREATED,
        BACKORDER_ALLOCATED,
        SHIPMENT_SHIPPED,
        LINES_CANCELLED,
        ORDER_STUCK
    }

    public enum NotificationChannel {
        WEBHOOK,
        MAIL
    }

    @Type("Notification")
    @Description("A notice of the outbox: summary status PENDING until every channel is done, then DEAD if a"
            + " channel gave up, SENT if a channel delivered it, SKIPPED if none delivered anything")
    public record Notification(
            @Id @NonNull @Description("Also the webhook-id of its webhook, the same on every retry")
            String id,

            @NonNull NotificationKind kind,
            @Id String orderId,
            @Description("Whom it is mailed to, if anyone") String recipient,
            @NonNull NotificationStatus status,

            @NonNull @Description("The JSON payload the webhook carries")
            String payload,

            @NonNull OffsetDateTime createdAt,

            @Description("When its last channel delivered it")
            OffsetDateTime sentAt,

            @NonNull List<@NonNull NotificationDelivery> deliveries) {

        static Notification from(NotificationRecords.Notification n) {
            return new Notification(
                    n.id().toString(),
                    NotificationKind.valueOf(Outbox.Kind.valueOf(n.kind()).name()),
                    n.orderId() == null ? null : n.orderId().toString(),
                    n.recipient(),
                    n.status(),
                    n.payload(),
                    n.createdAt(),
                    n.sentAt(),
                    n.deliveries().stream().map(NotificationDelivery::from).toList());
        }
    }

    @Type("NotificationDelivery")
    @Description("One channel of a notice, delivered and retried on its own")
    public record NotificationDelivery(
            @NonNull NotificationChannel channel,

            @NonNull @Description("PENDING, SENT, SKIPPED or DEAD")
            NotificationStatus status,

            int attempts,

            @Description("When it is tried next, while PENDING")
            OffsetDateTime nextAttemptAt,

            String lastError,

            @Description("Why nothing was delivered on this channel, when SKIPPED")
            String skipReason,

            OffsetDateTime doneAt,
            OffsetDateTime redeliveredAt,
            String redeliveredBy) {

        static NotificationDelivery from(NotificationRecords.ChannelDelivery d) {
            return new NotificationDelivery(
                    NotificationChannel.valueOf(d.channel().name()),
                    d.status(),
                    d.attempts(),
                    d.status() == NotificationStatus.PENDING ? d.nextAttemptAt() : null,
                    d.lastError(),
                    d.skipReason(),
                    d.doneAt(),
                    d.redeliveredAt(),
                    d.redeliveredBy());
        }
    }

    @Input("NotificationFilter")
    public record NotificationFilterInput(
            NotificationStatus status, @Id String orderId, NotificationKind kind) {

        NotificationRecords.Filter toFilter() {
            return new NotificationRecords.Filter(
                    status,
                    orderId == null ? null : Ids.parse(orderId, "filter.orderId"),
                    kind == null ? null : kind.name());
        }
    }

    @Type("NotificationConnection")
    public record NotificationConnection(
            @NonNull List<@NonNull NotificationEdge> edges,
            @NonNull PageInfo pageInfo,
            int totalCount) {

        static NotificationConnection from(Page<NotificationRecords.Notification> page) {
            return new NotificationConnection(
                    page.edges().stream()
                            .map(e -> new NotificationEdge(e.cursor(), Notification.from(e.node())))
                            .toList(),
                    PageInfo.from(page),
                    (int) page.totalCount());
        }
    }

    @Type("NotificationEdge")
    public record NotificationEdge(
            @NonNull String cursor, @NonNull Notification node) {}
}

package io.oms.api.graphql;

import io.oms.api.graphql.NotificationTypes.Notification;
import io.oms.api.graphql.NotificationTypes.NotificationChannel;
import io.oms.api.graphql.NotificationTypes.NotificationConnection;
import io.oms.api.graphql.NotificationTypes.NotificationFilterInput;
import io.oms.kernel.PageArgs;
import io.oms.notification.Channel;
import io.oms.notification.NotificationAdmin;
import io.oms.notification.NotificationRecords;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The outbox for the operations console (admin): notices by status and order, and redelivery of DEAD ones. */
@GraphQLApi
public class NotificationGraphQL {
    private final NotificationAdmin admin;
    private final Callers callers;
    private final Context context;

    public NotificationGraphQL(NotificationAdmin admin, Callers callers, Context context) {
        this.admin = admin;
        this.callers = callers;
        this.context = context;
    }

    @Query("notifications")
    @Description("Notices of the outbox, newest first, each with its channels (admin)")
    public Uni<@NonNull NotificationConnection> notifications(
            NotificationFilterInput filter, Integer first, String after, Integer last, String before) {
        NotificationRecords.Filter domain =
                filter == null ? new NotificationRecords.Filter(null, null, null) : filter.toFilter();
        return admin.list(
                        callers.current(),
                        domain,
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(NotificationConnection::from);
    }

    @Mutation("redeliverNotification")
    @Description("Puts one DEAD notice back in the queue (admin): all its DEAD channels, or only the given one."
            + " NOT_FOUND when there is no such notice, INVALID_TRANSITION when it is not DEAD; nothing changes then.")
    public Uni<@NonNull Notification> redeliverNotification(@NonNull @Id String id, NotificationChannel channel) {
        // One id per call: SmallRye GraphQL 2.x cannot coerce a list of @Id arguments (it reports the list's Java
        // type as an unknown scalar), and one notice at a time is what the console's "redeliver" button needs.
        return admin.redeliver(callers.current(), List.of(Ids.parse(id, "id")), null, channel(channel))
                .map(list -> Notification.from(list.get(0)));
    }

    @Mutation("redeliverDeadNotifications")
    @Description("Puts up to 200 DEAD notices back in the queue (admin), oldest first: of orderId when given, only"
            + " the given channel's when given. Returns the notices requeued; call again for more.")
    public Uni<@NonNull List<@NonNull Notification>> redeliverDeadNotifications(
            @Id String orderId, NotificationChannel channel) {
        return admin.redeliver(
                        callers.current(),
                        null,
                        orderId == null ? null : Ids.parse(orderId, "orderId"),
                        channel(channel))
                .map(list -> list.stream().map(Notification::from).toList());
    }

    /**
     * The redelivery of the last release, kept for one release as the contract's deprecation rule asks: called
     * without ids it works as {@link #redeliverDeadNotifications}; with ids it is refused as VALIDATION, as it
     * always was (see {@link #redeliverNotification}).
     */
    @Deprecated
    @Mutation("redeliverNotifications")
    @Description("Deprecated: use redeliverNotification(id) or redeliverDeadNotifications(orderId, channel), which"
            + " this does without ids; the ids argument was never accepted.")
    public Uni<@NonNull List<@NonNull Notification>> redeliverNotifications(
            @Id List<String> ids, @Id String orderId, NotificationChannel channel) {
        return redeliverDeadNotifications(orderId, channel);
    }

    private static Channel channel(NotificationChannel channel) {
        return channel == null ? null : Channel.valueOf(channel.name());
    }
}

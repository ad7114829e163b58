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

    @Mutation("redeliverNotifications")
    @Description("Puts DEAD notices back in the queue (admin): those given (each must be DEAD: else NOT_FOUND or"
            + " INVALID_TRANSITION), or without ids up to 200 DEAD ones, oldest first, of orderId when given; only"
            + " the given channel's when given. Returns the notices requeued; call again for more.")
    public Uni<@NonNull List<@NonNull Notification>> redeliverNotifications(
            @Id List<String> ids, @Id String orderId, NotificationChannel channel) {
        return admin.redeliver(
                        callers.current(),
                        ids == null
                                ? null
                                : ids.stream().map(id -> Ids.parse(id, "ids")).toList(),
                        orderId == null ? null : Ids.parse(orderId, "orderId"),
                        channel == null ? null : Channel.valueOf(channel.name()))
                .map(list -> list.stream().map(Notification::from).toList());
    }
}

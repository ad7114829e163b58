package io.oms.api.graphql;

import io.oms.api.graphql.Inputs.CancelLineInput;
import io.oms.api.graphql.Inputs.OrderFilterInput;
import io.oms.api.graphql.Inputs.PlaceOrderInput;
import io.oms.kernel.PageArgs;
import io.oms.metrics.OmsMetrics;
import io.oms.order.app.CancellationService;
import io.oms.order.app.OrderReader;
import io.oms.order.app.OrderService;
import io.oms.order.domain.ActivityBucket;
import io.oms.order.domain.CancelLine;
import io.oms.order.domain.OrderSort;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.RoutingState;
import io.oms.order.domain.StuckReason;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class OrderGraphQL {
    private final OrderService orders;
    private final OrderReader reader;
    private final CancellationService cancellations;
    private final Callers callers;
    private final OmsMetrics metrics;
    private final Context context;

    public OrderGraphQL(
            OrderService orders,
            OrderReader reader,
            CancellationService cancellations,
            Callers callers,
            OmsMetrics metrics,
            Context context) {
        this.metrics = metrics;
        this.context = context;
        this.orders = orders;
        this.cancellations = cancellations;
        this.reader = reader;
        this.callers = callers;
    }

    @Query("order")
    @Description("One order by id; null when it does not exist or is not the caller's")
    public Uni<Order> order(@NonNull @Id String id) {
        return reader.find(callers.current(), Ids.parse(id, "id")).map(o -> o == null ? null : Order.from(o));
    }

    @Query("orders")
    @Description("Orders, newest first unless sort says otherwise; customers see only their own")
    public Uni<@NonNull OrderConnection> orders(
            OrderFilterInput filter,
            Integer first,
            String after,
            Integer last,
            String before,
            @Description("PLACED_AT_DESC (default) or PLACED_AT_ASC") OrderSort sort) {
        return reader.list(
                        callers.current(),
                        filter == null ? null : filter.toDomain(),
                        sort,
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(OrderConnection::from);
    }

    @Query("stuckOrders")
    @Description("Orders flagged as stuck (see stuckReason), longest stuck first; admins only")
    public Uni<@NonNull OrderConnection> stuckOrders(
            @Description("Only the orders stuck for this reason; all of them when left out") StuckReason reason,
            Integer first,
            String after,
            Integer last,
            String before) {
        return reader.stuck(
                        callers.current(),
                        reason,
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(OrderConnection::from);
    }

    @Query("orderActivity")
    @Description("Orders placed, paid, routed, shipped and cancelled per hour or day (UTC), oldest first: every"
            + " whole bucket that [from, to) touches, empty ones included, at most 168 unless configured otherwise"
            + " (VALIDATION beyond, or unless to is after from); admins only")
    public Uni<@NonNull List<@NonNull ActivityCount>> orderActivity(
            @NonNull @Description("The first bucket is the one holding this time") OffsetDateTime from,
            @NonNull @Description("The last bucket is the one holding the instant just before this time")
                    OffsetDateTime to,
            @Description("HOUR (default) or DAY") @DefaultValue("HOUR") ActivityBucket bucket) {
        return reader.activity(callers.current(), from, to, bucket)
                .map(counts -> counts.stream().map(ActivityCount::from).toList());
    }

    @Mutation("placeOrder")
    @Description("Places an order; the same idempotencyKey from the same caller returns the same order")
    public Uni<@NonNull Order> placeOrder(@NonNull PlaceOrderInput input) {
        return orders.placeOrder(callers.current(), input.toCommand())
                .invoke(placed -> {
                    if (placed.created()) {
                        metrics.orderPlaced(); // committed by now; a replay of the same key is not counted
                    }
                })
                .map(placed -> Order.from(placed.order()));
    }

    @Mutation("transitionOrder")
    @Description("Moves an order to another status; only the transitions of the lifecycle table are allowed. PAID"
            + " needs the payment's reference; CANCELLED releases stock, cancels the lines and refunds what was paid"
            + " (as cancelOrder); REFUNDED gives back everything that was paid")
    public Uni<@NonNull Order> transitionOrder(
            @NonNull @Id String orderId,
            @NonNull OrderStatus to,
            String note,
            @Description("Refuse with CONFLICT unless the order is still at this version") Integer expectedVersion,
            @Description("Required when moving to PAID: the payment provider's reference") String paymentReference,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return orders.transition(
                        callers.current(),
                        new OrderService.Transition(
                                Ids.parse(orderId, "orderId"),
                                to,
                                note,
                                version(expectedVersion),
                                paymentReference,
                                idempotencyKey))
                .map(Order::from);
    }

    @Mutation("confirmPayment")
    @Description("Records the payment and moves the order to PAID; routing follows asynchronously")
    public Uni<@NonNull Order> confirmPayment(
            @NonNull @Id String orderId,
            @NonNull String paymentReference,
            Integer expectedVersion,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return orders.confirmPayment(
                        callers.current(),
                        Ids.parse(orderId, "orderId"),
                        paymentReference,
                        version(expectedVersion),
                        idempotencyKey)
                .map(Order::from);
    }

    @Mutation("cancelOrderLines")
    @Description("Cancels quantity not yet picked (backordered first), records the refund, recomputes the totals")
    public Uni<@NonNull Order> cancelOrderLines(
            @NonNull @Id String orderId,
            @NonNull List<@NonNull CancelLineInput> lines,
            @NonNull String reason,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        List<CancelLine> request = lines.stream()
                .map(l -> new CancelLine(
                        l.orderLineId() == null ? null : Ids.parse(l.orderLineId(), "orderLineId"), l.quantity()))
                .toList();
        return cancellations
                .cancelLines(callers.current(), Ids.parse(orderId, "orderId"), request, reason, idempotencyKey)
                .map(Order::from);
    }

    @Mutation("cancelOrder")
    @Description("Cancels everything still cancellable (admin); refused once something has shipped")
    public Uni<@NonNull Order> cancelOrder(
            @NonNull @Id String orderId, @NonNull String reason, @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return cancellations
                .cancelOrder(callers.current(), Ids.parse(orderId, "orderId"), reason, idempotencyKey)
                .map(Order::from);
    }

    @Description("Refunds recorded for cancelled quantity, oldest first")
    public Uni<List<@NonNull List<@NonNull Refund>>> refunds(@Source List<Order> parents) {
        List<UUID> ids = ids(parents);
        return reader.refundsOf(ids).map(byOrder -> Batches.many(ids, byOrder, Refund::from));
    }

    @Description("What each cancelled line gave back")
    public List<Refund.@NonNull RefundLine> lines(@Source Refund refund) {
        return refund.refundLines().stream()
                .map(l -> new Refund.RefundLine(
                        l.amount(), l.quantity(), l.orderLineId().toString()))
                .toList();
    }

    @Name("orderLine")
    @Description("The cancelled order line")
    public Uni<List<@NonNull OrderLine>> refundedLine(@Source List<Refund.RefundLine> parents) {
        List<UUID> ids =
                parents.stream().map(l -> UUID.fromString(l.orderLineId())).toList();
        return reader.linesByIds(ids.stream().distinct().toList()).map(byId -> Batches.one(ids, byId, OrderLine::from));
    }

    @Description("The order's lines in the order they were placed")
    public Uni<List<@NonNull List<@NonNull OrderLine>>> lines(@Source List<Order> parents) {
        List<UUID> ids = ids(parents);
        return reader.linesOf(ids).map(byOrder -> Batches.many(ids, byOrder, OrderLine::from));
    }

    @Description("Where the order stands on its way to the warehouses, for clients that poll: PENDING_PAYMENT (not"
            + " paid), ROUTING (paid, locations being chosen), ROUTED (every open unit has a location), BACKORDERED"
            + " (routed as far as stock allows, some quantity waits), SHIPPED (everything shipped), CLOSED"
            + " (cancelled or refunded). Cheap: reads the lines' backordered quantity only while in fulfillment")
    public Uni<List<@NonNull RoutingState>> routingState(@Source List<Order> parents) {
        List<UUID> needed = parents.stream()
                .filter(o -> RoutingState.dependsOnBackorders(o.status()))
                .map(o -> UUID.fromString(o.id()))
                .distinct()
                .toList();
        Uni<Map<UUID, Integer>> backordered =
                needed.isEmpty() ? Uni.createFrom().item(Map.of()) : reader.unitsBackorderedOf(needed);
        return backordered.map(units -> parents.stream()
                .map(o -> RoutingState.of(o.status(), units.getOrDefault(UUID.fromString(o.id()), 0)))
                .toList());
    }

    @Description("The audit trail, oldest first")
    public Uni<List<@NonNull List<@NonNull OrderEvent>>> events(@Source List<Order> parents) {
        List<UUID> ids = ids(parents);
        return reader.eventsOf(ids).map(byOrder -> Batches.many(ids, byOrder, OrderEvent::from));
    }

    private static List<UUID> ids(List<Order> parents) {
        return parents.stream().map(o -> UUID.fromString(o.id())).toList();
    }

    private static Long version(Integer expectedVersion) {
        return expectedVersion == null ? null : expectedVersion.longValue();
    }
}

package io.oms.api.graphql;

import io.oms.api.graphql.Connections.BackorderConnection;
import io.oms.api.graphql.Connections.BackorderSkuConnection;
import io.oms.api.graphql.Inputs.BackorderFilterInput;
import io.oms.backorder.app.BackorderDecisions;
import io.oms.backorder.app.BackorderReader;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderFilter;
import io.oms.backorder.domain.BackorderSort;
import io.oms.kernel.PageArgs;
import io.oms.order.app.CancellationService;
import io.oms.order.app.OrderReader;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Backorders: the admin's list and summary by SKU, the customer's answer, and as fields of an order; nested fields are batched. */
@GraphQLApi
public class BackorderGraphQL {
    private final BackorderReader backorders;
    private final BackorderDecisions decisions;
    private final CancellationService cancellations;
    private final OrderReader orders;
    private final Callers callers;
    private final Context context;

    public BackorderGraphQL(
            BackorderReader backorders,
            BackorderDecisions decisions,
            CancellationService cancellations,
            OrderReader orders,
            Callers callers,
            Context context) {
        this.backorders = backorders;
        this.decisions = decisions;
        this.cancellations = cancellations;
        this.orders = orders;
        this.callers = callers;
        this.context = context;
    }

    @Query("backorders")
    @Description("Backorders, newest first unless sort says otherwise (admin)")
    public Uni<@NonNull BackorderConnection> backorders(
            BackorderFilterInput filter,
            Integer first,
            String after,
            Integer last,
            String before,
            @Description("CREATED_AT_DESC (default) or CREATED_AT_ASC, the order stock fills them in")
                    BackorderSort sort) {
        BackorderFilter domain = filter == null ? new BackorderFilter(null, null) : filter.toDomain();
        return backorders
                .list(
                        callers.current(),
                        domain,
                        sort,
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(BackorderConnection::from);
    }

    @Query("backorderSummary")
    @Description(
            "What waits for stock: open backorders, units and SKUs, and by SKU the one waiting longest first (admin)")
    public Uni<@NonNull BackorderSummary> backorderSummary() {
        // The totals read every open backorder's index entry; a client paging bySku alone does not pay for them.
        return backorders
                .totals(callers.current(), Selection.any(context, "openCount", "unitsWaiting", "skuCount"))
                .map(totals -> totals == null ? BackorderSummary.NOT_COUNTED : BackorderSummary.from(totals));
    }

    @Name("bySku")
    @Description("What waits for each SKU, the SKU waiting longest first (by its oldest open backorder)")
    public Uni<@NonNull BackorderSkuConnection> backorderSummaryBySku(
            @Source BackorderSummary summary, Integer first, String after, Integer last, String before) {
        return backorders
                .bySku(callers.current(), new PageArgs(first, after, last, before), Selection.totalCount(context))
                .map(BackorderSkuConnection::from);
    }

    @Mutation("respondToBackorder")
    @Description("The customer's answer to a backorder: WAIT keeps it, CANCEL cancels that quantity with a refund")
    public Uni<@NonNull Backorder> respondToBackorder(
            @NonNull @Id String backorderId,
            @NonNull BackorderDecision decision,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        UUID id = Ids.parse(backorderId, "backorderId");
        return (decision == BackorderDecision.CANCEL
                        ? cancellations.cancelBackorder(callers.current(), id, idempotencyKey)
                        : decisions.waitForStock(callers.current(), id, idempotencyKey))
                .map(Backorder::from);
    }

    @Description("What of this order waits for stock, oldest first")
    public Uni<List<@NonNull List<@NonNull Backorder>>> backorders(@Source List<Order> parents) {
        List<UUID> ids = parents.stream().map(o -> UUID.fromString(o.id())).toList();
        return backorders.ofOrders(ids).map(byOrder -> Batches.many(ids, byOrder, Backorder::from));
    }

    @Name("order")
    @Description("The order this backorder belongs to")
    public Uni<List<@NonNull Order>> backorderOrder(@Source List<Backorder> parents) {
        Callers.refuseWarehouseStaff(callers.current(), "the fulfillment orders of their location");
        List<UUID> ids = parents.stream().map(p -> UUID.fromString(p.orderId())).toList();
        return orders.byIds(ids.stream().distinct().toList()).map(byId -> Batches.one(ids, byId, Order::from));
    }

    @Name("orderLine")
    @Description("The order line waiting")
    public Uni<List<@NonNull OrderLine>> backorderLine(@Source List<Backorder> parents) {
        List<UUID> ids =
                parents.stream().map(b -> UUID.fromString(b.orderLineId())).toList();
        return orders.linesByIds(ids.stream().distinct().toList()).map(byId -> Batches.one(ids, byId, OrderLine::from));
    }
}

package io.oms.api.graphql;

import io.oms.api.graphql.Connections.BackorderConnection;
import io.oms.api.graphql.Connections.FulfillmentOrderConnection;
import io.oms.api.graphql.Inputs.BackorderFilterInput;
import io.oms.api.graphql.Inputs.FulfillmentOrderFilterInput;
import io.oms.backorder.app.BackorderDecisions;
import io.oms.backorder.app.BackorderReader;
import io.oms.backorder.domain.BackorderDecision;
import io.oms.backorder.domain.BackorderFilter;
import io.oms.fulfillment.app.FulfillmentReader;
import io.oms.fulfillment.app.FulfillmentService;
import io.oms.fulfillment.domain.FulfillmentStep;
import io.oms.fulfillment.domain.FulfillmentOrderFilter;
import io.oms.inventory.app.InventoryService;
import io.oms.order.app.OrderReader;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

/**
 * Fulfillment orders (their queries and warehouse steps) and backorders, on their own and as fields of an
 * order; nested fields are batched.
 */
@GraphQLApi
public class FulfillmentGraphQL {
    private final FulfillmentReader fulfillment;
    private final FulfillmentService commands;
    private final BackorderDecisions decisions;
    private final BackorderReader backorders;
    private final OrderReader orders;
    private final InventoryService inventory;
    private final Callers callers;
    private final Context context;

    public FulfillmentGraphQL(FulfillmentReader fulfillment, FulfillmentService commands, BackorderReader backorders,
            BackorderDecisions decisions, OrderReader orders, InventoryService inventory, Callers callers,
            Context context) {
        this.context = context;
        this.decisions = decisions;
        this.fulfillment = fulfillment;
        this.commands = commands;
        this.backorders = backorders;
        this.orders = orders;
        this.inventory = inventory;
        this.callers = callers;
    }

    @Query("fulfillmentOrders")
    @Description("Fulfillment orders, newest first (warehouse: its own location only)")
    public Uni<@NonNull FulfillmentOrderConnection> fulfillmentOrders(FulfillmentOrderFilterInput filter,
            Integer first, String after) {
        FulfillmentOrderFilter domain = filter == null ? new FulfillmentOrderFilter(null, null) : filter.toDomain();
        return fulfillment.list(callers.current(), domain, first, after, Selection.totalCount(context))
                .map(FulfillmentOrderConnection::from);
    }

    @Query("backorders")
    @Description("Backorders, newest first (admin)")
    public Uni<@NonNull BackorderConnection> backorders(BackorderFilterInput filter, Integer first, String after) {
        BackorderFilter domain = filter == null ? new BackorderFilter(null, null) : filter.toDomain();
        return backorders.list(callers.current(), domain, first, after, Selection.totalCount(context))
                .map(BackorderConnection::from);
    }

    @Mutation("startPicking")
    @Description("OPEN -> PICKING (warehouse of its location, or admin)")
    public Uni<@NonNull FulfillmentOrder> startPicking(@NonNull @Id String fulfillmentOrderId) {
        return advance(fulfillmentOrderId, FulfillmentStep.START_PICKING, null, null);
    }

    @Mutation("markPicked")
    @Description("PICKING -> PICKED")
    public Uni<@NonNull FulfillmentOrder> markPicked(@NonNull @Id String fulfillmentOrderId) {
        return advance(fulfillmentOrderId, FulfillmentStep.MARK_PICKED, null, null);
    }

    @Mutation("markPacked")
    @Description("PICKED -> PACKED")
    public Uni<@NonNull FulfillmentOrder> markPacked(@NonNull @Id String fulfillmentOrderId) {
        return advance(fulfillmentOrderId, FulfillmentStep.MARK_PACKED, null, null);
    }

    @Mutation("shipFulfillmentOrder")
    @Description("PACKED -> SHIPPED: takes the stock out, notifies the customer, moves the order along")
    public Uni<@NonNull FulfillmentOrder> shipFulfillmentOrder(@NonNull @Id String fulfillmentOrderId,
            @NonNull String carrier, @NonNull String trackingNumber) {
        return advance(fulfillmentOrderId, FulfillmentStep.SHIP, carrier, trackingNumber);
    }

    @Mutation("markDelivered")
    @Description("SHIPPED -> DELIVERED")
    public Uni<@NonNull FulfillmentOrder> markDelivered(@NonNull @Id String fulfillmentOrderId) {
        return advance(fulfillmentOrderId, FulfillmentStep.MARK_DELIVERED, null, null);
    }

    @Mutation("moveFulfillmentOrder")
    @Description("Moves an OPEN fulfillment order to another location that can take all of it (admin)")
    public Uni<@NonNull FulfillmentOrder> moveFulfillmentOrder(@NonNull @Id String fulfillmentOrderId,
            @NonNull @Id String toLocationId) {
        return commands.move(callers.current(), Ids.parse(fulfillmentOrderId, "fulfillmentOrderId"),
                Ids.parse(toLocationId, "toLocationId")).chain(this::read);
    }

    private Uni<FulfillmentOrder> advance(String id, FulfillmentStep step, String carrier, String tracking) {
        return commands.advance(callers.current(), Ids.parse(id, "fulfillmentOrderId"), step, carrier, tracking)
                .chain(this::read);
    }

    private Uni<FulfillmentOrder> read(UUID id) {
        return fulfillment.afterCommand(id).map(FulfillmentOrder::from);
    }

    @Mutation("respondToBackorder")
    @Description("The customer's answer to a backorder: WAIT keeps it, CANCEL cancels that quantity with a refund")
    public Uni<@NonNull Backorder> respondToBackorder(@NonNull @Id String backorderId,
            @NonNull BackorderDecision decision) {
        UUID id = Ids.parse(backorderId, "backorderId");
        Uni<UUID> answered = decision == BackorderDecision.CANCEL ? decisions.cancel(callers.current(), id)
                : decisions.wait(callers.current(), id);
        return answered.chain(done -> backorders.afterCommand(List.of(done)))
                .map(list -> Backorder.from(list.get(0)));
    }

    @Description("The shipments of this order, oldest first")
    public Uni<List<@NonNull List<@NonNull FulfillmentOrder>>> fulfillmentOrders(@Source List<Order> parents) {
        List<UUID> ids = parents.stream().map(o -> UUID.fromString(o.id())).toList();
        return fulfillment.ofOrders(ids).map(byOrder -> ids.stream()
                .map(id -> byOrder.getOrDefault(id, List.of()).stream().map(FulfillmentOrder::from).toList())
                .toList());
    }

    @Description("What of this order waits for stock, oldest first")
    public Uni<List<@NonNull List<@NonNull Backorder>>> backorders(@Source List<Order> parents) {
        List<UUID> ids = parents.stream().map(o -> UUID.fromString(o.id())).toList();
        return backorders.ofOrders(ids).map(byOrder -> ids.stream()
                .map(id -> byOrder.getOrDefault(id, List.of()).stream().map(Backorder::from).toList())
                .toList());
    }

    @Description("The lines this shipment holds")
    public Uni<List<@NonNull List<@NonNull FulfillmentOrderLine>>> lines(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids = parents.stream().map(f -> UUID.fromString(f.id())).toList();
        return fulfillment.linesOf(ids).map(byFo -> ids.stream()
                .map(id -> byFo.getOrDefault(id, List.of()).stream().map(FulfillmentOrderLine::from).toList())
                .toList());
    }

    @Description("The order this shipment belongs to (customers and admins; warehouse staff see shipTo)")
    public Uni<List<@NonNull Order>> order(@Source List<FulfillmentOrder> parents) {
        refuseWarehouseStaff();
        return ordersOf(parents, FulfillmentOrder::orderId);
    }

    @Description("Where the parcel goes and the order number to print on it: what the warehouse needs")
    public Uni<List<@NonNull ShipTo>> shipTo(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids = parents.stream().map(p -> UUID.fromString(p.orderId())).toList();
        return orders.byIds(ids.stream().distinct().toList())
                .map(byId -> ids.stream().map(id -> new ShipTo(Long.toString(byId.get(id).number()),
                        Address.from(byId.get(id).shippingAddress()))).toList());
    }

    @Type("ShipTo")
    public record ShipTo(@NonNull String orderNumber, @NonNull Address address) {
    }

    /**
     * A warehouse token reaches fulfillment orders of its own location; the whole order behind them (other
     * locations' shipments, refunds, the audit trail, the customer's email) is not theirs to read.
     */
    private void refuseWarehouseStaff() {
        var caller = callers.current();
        if (!caller.isAdmin() && caller.has(io.oms.kernel.Role.WAREHOUSE)) {
            throw new io.oms.kernel.AccessDeniedException("Warehouse staff see shipTo, not the order");
        }
    }

    @Description("The location that ships it")
    public Uni<List<@NonNull Location>> location(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids = parents.stream().map(f -> UUID.fromString(f.locationId())).toList();
        return inventory.locationsByIds(ids.stream().distinct().toList())
                .map(byId -> ids.stream().map(id -> Location.from(byId.get(id))).toList());
    }

    @Description("The order line shipped")
    public Uni<List<@NonNull OrderLine>> orderLine(@Source List<FulfillmentOrderLine> parents) {
        return linesOf(parents.stream().map(l -> UUID.fromString(l.orderLineId())).toList());
    }

    @Name("order")
    @Description("The order this backorder belongs to")
    public Uni<List<@NonNull Order>> backorderOrder(@Source List<Backorder> parents) {
        refuseWarehouseStaff();
        return ordersOf(parents, Backorder::orderId);
    }

    @Name("orderLine")
    @Description("The order line waiting")
    public Uni<List<@NonNull OrderLine>> backorderLine(@Source List<Backorder> parents) {
        return linesOf(parents.stream().map(b -> UUID.fromString(b.orderLineId())).toList());
    }

    private <T> Uni<List<Order>> ordersOf(List<T> parents, Function<T, String> orderId) {
        List<UUID> ids = parents.stream().map(p -> UUID.fromString(orderId.apply(p))).toList();
        return orders.byIds(ids.stream().distinct().toList())
                .map(byId -> ids.stream().map(id -> Order.from(byId.get(id))).toList());
    }

    private Uni<List<OrderLine>> linesOf(List<UUID> lineIds) {
        return orders.linesByIds(lineIds.stream().distinct().toList())
                .map(byId -> lineIds.stream().map(id -> OrderLine.from(byId.get(id))).toList());
    }
}

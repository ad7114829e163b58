package io.oms.api.graphql;

import io.oms.api.graphql.Connections.FulfillmentOrderConnection;
import io.oms.api.graphql.Inputs.FulfillmentOrderFilterInput;
import io.oms.fulfillment.app.FulfillmentReader;
import io.oms.fulfillment.domain.FulfillmentOrderFilter;
import io.oms.fulfillment.domain.FulfillmentOrderSort;
import io.oms.fulfillment.domain.FulfillmentStep;
import io.oms.inventory.app.InventoryService;
import io.oms.kernel.PageArgs;
import io.oms.order.app.OrderReader;
import io.oms.order.app.ShipmentService;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

/** Fulfillment orders: their queries and warehouse steps, and as fields of an order; nested fields are batched. */
@GraphQLApi
public class FulfillmentGraphQL {
    private final FulfillmentReader fulfillment;
    private final ShipmentService commands;
    private final OrderReader orders;
    private final InventoryService inventory;
    private final Callers callers;
    private final Context context;

    public FulfillmentGraphQL(
            FulfillmentReader fulfillment,
            ShipmentService commands,
            OrderReader orders,
            InventoryService inventory,
            Callers callers,
            Context context) {
        this.fulfillment = fulfillment;
        this.commands = commands;
        this.orders = orders;
        this.inventory = inventory;
        this.callers = callers;
        this.context = context;
    }

    @Query("fulfillmentOrders")
    @Description("Fulfillment orders, newest first unless sort says otherwise (warehouse: its own location only)")
    public Uni<@NonNull FulfillmentOrderConnection> fulfillmentOrders(
            FulfillmentOrderFilterInput filter,
            Integer first,
            String after,
            Integer last,
            String before,
            @Description("CREATED_AT_DESC (default) or CREATED_AT_ASC, a pick queue") FulfillmentOrderSort sort) {
        FulfillmentOrderFilter domain = filter == null ? new FulfillmentOrderFilter(null, null) : filter.toDomain();
        return fulfillment
                .list(
                        callers.current(),
                        domain,
                        sort,
                        new PageArgs(first, after, last, before),
                        Selection.totalCount(context))
                .map(FulfillmentOrderConnection::from);
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
    public Uni<@NonNull FulfillmentOrder> shipFulfillmentOrder(
            @NonNull @Id String fulfillmentOrderId, @NonNull String carrier, @NonNull String trackingNumber) {
        return advance(fulfillmentOrderId, FulfillmentStep.SHIP, carrier, trackingNumber);
    }

    @Mutation("markDelivered")
    @Description("SHIPPED -> DELIVERED")
    public Uni<@NonNull FulfillmentOrder> markDelivered(@NonNull @Id String fulfillmentOrderId) {
        return advance(fulfillmentOrderId, FulfillmentStep.MARK_DELIVERED, null, null);
    }

    @Mutation("moveFulfillmentOrder")
    @Description("Moves an OPEN fulfillment order to another location that can take all of it (admin)")
    public Uni<@NonNull FulfillmentOrder> moveFulfillmentOrder(
            @NonNull @Id String fulfillmentOrderId,
            @NonNull @Id String toLocationId,
            @Description(Ids.IDEMPOTENCY) String idempotencyKey) {
        return commands.move(
                        callers.current(),
                        Ids.parse(fulfillmentOrderId, "fulfillmentOrderId"),
                        Ids.parse(toLocationId, "toLocationId"),
                        idempotencyKey)
                .map(FulfillmentOrder::from);
    }

    private Uni<FulfillmentOrder> advance(String id, FulfillmentStep step, String carrier, String tracking) {
        return commands.advance(callers.current(), Ids.parse(id, "fulfillmentOrderId"), step, carrier, tracking)
                .map(FulfillmentOrder::from);
    }

    @Description("The shipments of this order, oldest first")
    public Uni<List<@NonNull List<@NonNull FulfillmentOrder>>> fulfillmentOrders(@Source List<Order> parents) {
        List<UUID> ids = parents.stream().map(o -> UUID.fromString(o.id())).toList();
        return fulfillment.ofOrders(ids).map(byOrder -> Batches.many(ids, byOrder, FulfillmentOrder::from));
    }

    @Description("The lines this shipment holds")
    public Uni<List<@NonNull List<@NonNull FulfillmentOrderLine>>> lines(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids = parents.stream().map(f -> UUID.fromString(f.id())).toList();
        return fulfillment.linesOf(ids).map(byFo -> Batches.many(ids, byFo, FulfillmentOrderLine::from));
    }

    @Description("The order this shipment belongs to (customers and admins; warehouse staff see shipTo)")
    public Uni<List<@NonNull Order>> order(@Source List<FulfillmentOrder> parents) {
        Callers.refuseWarehouseStaff(callers.current(), "shipTo");
        List<UUID> ids = parents.stream().map(p -> UUID.fromString(p.orderId())).toList();
        return orders.byIds(ids.stream().distinct().toList()).map(byId -> Batches.one(ids, byId, Order::from));
    }

    @Description("Where the parcel goes and the order number to print on it: what the warehouse needs")
    public Uni<List<@NonNull ShipTo>> shipTo(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids = parents.stream().map(p -> UUID.fromString(p.orderId())).toList();
        return orders.byIds(ids.stream().distinct().toList())
                .map(byId -> Batches.one(
                        ids, byId, o -> new ShipTo(Long.toString(o.number()), Address.from(o.shippingAddress()))));
    }

    @Type("ShipTo")
    public record ShipTo(
            @NonNull String orderNumber, @NonNull Address address) {}

    @Description("The location that ships it")
    public Uni<List<@NonNull Location>> location(@Source List<FulfillmentOrder> parents) {
        List<UUID> ids =
                parents.stream().map(f -> UUID.fromString(f.locationId())).toList();
        return inventory
                .locationsByIds(ids.stream().distinct().toList())
                .map(byId -> Batches.one(ids, byId, Location::from));
    }

    @Description("The order line shipped")
    public Uni<List<@NonNull OrderLine>> orderLine(@Source List<FulfillmentOrderLine> parents) {
        List<UUID> ids =
                parents.stream().map(l -> UUID.fromString(l.orderLineId())).toList();
        return orders.linesByIds(ids.stream().distinct().toList()).map(byId -> Batches.one(ids, byId, OrderLine::from));
    }
}

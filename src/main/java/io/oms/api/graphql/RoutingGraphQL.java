package io.oms.api.graphql;

import io.oms.api.graphql.Inputs.FulfillmentPlanInput;
import io.oms.inventory.app.InventoryService;
import io.oms.order.app.OrderReader;
import io.oms.routing.app.FulfillmentPlanner;
import io.oms.routing.app.RoutingJobQueue;
import io.oms.routing.app.RoutingService;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class RoutingGraphQL {
    private final FulfillmentPlanner planner;
    private final RoutingService routing;
    private final RoutingJobQueue queue;
    private final InventoryService inventory;
    private final OrderReader orders;
    private final Callers callers;
    private final Clock clock;

    public RoutingGraphQL(
            FulfillmentPlanner planner,
            RoutingService routing,
            RoutingJobQueue queue,
            InventoryService inventory,
            OrderReader orders,
            Callers callers,
            Clock clock) {
        this.planner = planner;
        this.routing = routing;
        this.queue = queue;
        this.inventory = inventory;
        this.orders = orders;
        this.callers = callers;
        this.clock = clock;
    }

    @Query("fulfillmentPlan")
    @Description("Dry run of routing for a cart: the shipments and backorders it would get now; reserves nothing")
    public Uni<@NonNull FulfillmentPlan> fulfillmentPlan(@NonNull FulfillmentPlanInput input) {
        return planner.plan(input.address(), input.splitPolicy(), input.cartLines())
                .chain(plan -> inventory
                        .locationsByIds(plan.shipments().stream()
                                .map(s -> s.location().locationId())
                                .toList())
                        .map(locations -> FulfillmentPlan.from(plan, locations, clock)));
    }

    @Query("routingQueue")
    @Description("The routing job queue: depth, what is due and since when, retries, jobs given up (admin)")
    public Uni<@NonNull RoutingQueue> routingQueue() {
        return queue.state(callers.current()).map(RoutingQueue::from);
    }

    @Mutation("routeOrder")
    @Description("Routes any unallocated quantity of a paid order now (admin)")
    public Uni<@NonNull Order> routeOrder(@NonNull @Id String orderId) {
        return routing.routeNow(callers.current(), Ids.parse(orderId, "orderId"))
                .map(Order::from);
    }
}

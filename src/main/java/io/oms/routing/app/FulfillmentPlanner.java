package io.oms.routing.app;

import io.oms.inventory.app.Stock;
import io.oms.order.domain.Address;
import io.oms.order.domain.CartLine;
import io.oms.order.domain.OrderRules;
import io.oms.order.domain.SplitPolicy;
import io.oms.routing.domain.Destination;
import io.oms.routing.domain.OpenLine;
import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The storefront's dry run: how a cart would ship right now, so it can warn about split shipments and
 * backorders before checkout. Reads a snapshot on the pool and reserves nothing.
 */
@ApplicationScoped
public class FulfillmentPlanner {
    private final OrderRules rules;
    private final Stock stock;
    private final RoutingSettings settings;

    public FulfillmentPlanner(OrderRules rules, Stock stock, RoutingSettings settings) {
        this.rules = rules;
        this.stock = stock;
        this.settings = settings;
    }

    public Uni<RoutingPlan> plan(Address shippingAddress, SplitPolicy splitPolicy, List<CartLine> cart) {
        List<CartLine> lines = rules.validateCart(shippingAddress, cart);
        Address address = rules.validAddress(shippingAddress);
        List<OpenLine> open = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // Cart lines have no ids yet; positional ids keep the engine's per-line bookkeeping.
            open.add(new OpenLine(
                    new UUID(0, i), lines.get(i).sku(), lines.get(i).quantity()));
        }
        Destination destination = new Destination(address.country(), address.latitude(), address.longitude());
        List<String> skus = lines.stream().map(CartLine::sku).distinct().toList();
        return stock.availableNow(address.country(), skus)
                .map(available -> new RoutingEngine(settings.policy())
                        .plan(new RoutingRequest(
                                open,
                                destination,
                                splitPolicy == null ? SplitPolicy.SHIP_AVAILABLE : splitPolicy,
                                Candidates.of(available))));
    }
}

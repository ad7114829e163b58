package io.oms.order.app;

import io.oms.kernel.Sku;
import io.oms.order.domain.OrderLimits;
import io.oms.order.domain.OrderRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The order input rules with their configured limits, shared by placing orders and planning carts. */
@ApplicationScoped
public class OrderLimitsFactory {

    @Produces
    @ApplicationScoped
    OrderRules orderRules(OrderConfig config) {
        return new OrderRules(new OrderLimits(
                config.maxLines(), config.maxQuantity(), Sku.MAX_LENGTH, config.maxIdempotencyKeyLength()));
    }
}

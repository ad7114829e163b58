package io.oms.order.app;

import io.oms.order.domain.OrderLimits;
import io.oms.order.domain.OrderRules;
import io.oms.infra.OmsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The order input rules with their configured limits, shared by placing orders and planning carts. */
@ApplicationScoped
public class OrderLimitsFactory {

    @Produces
    @ApplicationScoped
    OrderRules orderRules(OmsConfig config) {
        OmsConfig.Orders limits = config.orders();
        return new OrderRules(new OrderLimits(limits.maxLines(), limits.maxQuantity(), limits.maxSkuLength(),
                limits.maxIdempotencyKeyLength()));
    }
}

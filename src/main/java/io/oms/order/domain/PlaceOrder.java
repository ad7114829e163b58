package io.oms.order.domain;

import java.util.List;

/**
 * The command a storefront sends. Fields are as received (possibly null or malformed) until
 * {@link OrderRules#validate} has accepted them.
 */
public record PlaceOrder(
        String idempotencyKey,
        String customerId,
        String email,
        String currency,
        Address shippingAddress,
        SplitPolicy splitPolicy,
        List<NewOrderLine> lines) {

    public SplitPolicy splitPolicyOrDefault() {
        return splitPolicy == null ? SplitPolicy.SHIP_AVAILABLE : splitPolicy;
    }
}

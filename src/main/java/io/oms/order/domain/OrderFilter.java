package io.oms.order.domain;

import java.time.OffsetDateTime;

/** Filters of the orders connection; every field is optional ({@code stuck}: flagged or not). */
public record OrderFilter(
        OrderStatus status,
        String customerId,
        String sku,
        OffsetDateTime placedFrom,
        OffsetDateTime placedTo,
        Boolean stuck) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null);

    public OrderFilter forCustomer(String customer) {
        return new OrderFilter(status, customer, sku, placedFrom, placedTo, stuck);
    }
}

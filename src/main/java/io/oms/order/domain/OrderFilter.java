package io.oms.order.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Filters of the orders connection; every field is optional ({@code stuck}: flagged or not; {@code email}: any
 * case; {@code locationId}: orders with a fulfillment order at that location).
 */
public record OrderFilter(
        OrderStatus status,
        String customerId,
        String sku,
        OffsetDateTime placedFrom,
        OffsetDateTime placedTo,
        Boolean stuck,
        Long number,
        String email,
        UUID locationId) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null, null, null, null);

    public OrderFilter forCustomer(String customer) {
        return new OrderFilter(status, customer, sku, placedFrom, placedTo, stuck, number, email, locationId);
    }
}

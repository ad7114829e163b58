package io.oms.order.domain;

import io.oms.kernel.ValidationException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Filters of the orders connection; every field is optional ({@code stuck}: flagged or not; {@code stuckReason}:
 * flagged for that reason, which implies {@code stuck}; {@code email}: any case; {@code locationId}: orders with a
 * fulfillment order at that location).
 */
public record OrderFilter(
        OrderStatus status,
        String customerId,
        String sku,
        OffsetDateTime placedFrom,
        OffsetDateTime placedTo,
        Boolean stuck,
        StuckReason stuckReason,
        Long number,
        String email,
        UUID locationId) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null, null, null, null, null);

    public OrderFilter {
        if (stuckReason != null && Boolean.FALSE.equals(stuck)) {
            // Nothing can match both: say so rather than answer an empty list that looks like good news.
            throw new ValidationException("filter.stuckReason", "a stuck reason implies stuck: true, not false");
        }
    }

    public OrderFilter forCustomer(String customer) {
        return new OrderFilter(
                status, customer, sku, placedFrom, placedTo, stuck, stuckReason, number, email, locationId);
    }
}

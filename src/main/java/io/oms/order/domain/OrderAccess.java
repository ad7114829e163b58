package io.oms.order.domain;

import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.ValidationException;
import java.util.EnumSet;
import java.util.Set;

/** Who may read and change orders (API.md, "Who may call what"). */
public final class OrderAccess {
    /** The payment provider's integration may only move orders into these states. */
    private static final Set<OrderStatus> PAYMENTS_TARGETS =
            EnumSet.of(OrderStatus.PAYMENT_PROCESSING, OrderStatus.CANCELLED, OrderStatus.REFUNDED);

    private OrderAccess() {}

    /** The customer an order is placed for: the token's subject, or the input's customerId for an admin. */
    public static String customerForNewOrder(Caller caller, String requestedCustomerId) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        if (caller.isAdmin()) {
            if (requestedCustomerId == null || requestedCustomerId.isBlank()) {
                throw new ValidationException("input.customerId", "an admin must say which customer the order is for");
            }
            return requestedCustomerId.strip();
        }
        if (requestedCustomerId != null
                && !requestedCustomerId.isBlank()
                && !requestedCustomerId.strip().equals(caller.subject())) {
            throw new AccessDeniedException("A customer may place orders only for themselves");
        }
        return caller.subject();
    }

    /** Customers see their own orders only; admins see all. */
    public static boolean maySee(Caller caller, String orderCustomerId) {
        return caller.actsFor(orderCustomerId);
    }

    public static void checkTransition(Caller caller, OrderStatus target) {
        caller.require(Role.PAYMENTS, Role.ADMIN);
        if (!caller.isAdmin() && !PAYMENTS_TARGETS.contains(target)) {
            throw new AccessDeniedException("The payments role may only move orders to " + PAYMENTS_TARGETS);
        }
    }
}

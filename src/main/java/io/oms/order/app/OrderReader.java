package io.oms.order.app;

import io.oms.audit.AuditQueries;
import io.oms.audit.OrderEvent;
import io.oms.audit.OrderEventStream;
import io.oms.infra.PagingConfig;
import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.NotFoundException;
import io.oms.kernel.Page;
import io.oms.kernel.PageArgs;
import io.oms.kernel.PageRequest;
import io.oms.kernel.Role;
import io.oms.order.domain.ActivityBucket;
import io.oms.order.domain.ActivityCount;
import io.oms.order.domain.ActivityWindow;
import io.oms.order.domain.OrderAccess;
import io.oms.order.domain.OrderFilter;
import io.oms.order.domain.OrderLineSnapshot;
import io.oms.order.domain.OrderSnapshot;
import io.oms.order.domain.OrderSort;
import io.oms.order.domain.RefundSnapshot;
import io.oms.order.domain.StuckReason;
import io.oms.order.persistence.OrderActivityQueries;
import io.oms.order.persistence.OrderQueries;
import io.oms.order.persistence.RefundQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Order queries with their access rules: customers see their own orders only. */
@ApplicationScoped
public class OrderReader {
    private final OrderQueries queries;
    private final AuditQueries auditQueries;
    private final PagingConfig paging;
    private final RefundQueries refundQueries;
    private final OrderEventStream liveEvents;
    private final OrderActivityQueries activityQueries;
    private final OrderConfig config;

    public OrderReader(
            OrderQueries queries,
            AuditQueries auditQueries,
            RefundQueries refundQueries,
            OrderEventStream liveEvents,
            OrderActivityQueries activityQueries,
            PagingConfig paging,
            OrderConfig config) {
        this.queries = queries;
        this.activityQueries = activityQueries;
        this.config = config;
        this.liveEvents = liveEvents;
        this.refundQueries = refundQueries;
        this.auditQueries = auditQueries;
        this.paging = paging;
    }

    /** The order, or null when it does not exist or the caller may not see it (no hint either way). */
    public Uni<OrderSnapshot> find(Caller caller, UUID id) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        return queries.byId(id)
                .map(order -> order != null && OrderAccess.maySee(caller, order.customerId()) ? order : null);
    }

    /**
     * Audit events as they are committed, once the caller may follow them: an admin every order or one; a customer
     * one order of their own, and an order that is not theirs is NOT_FOUND, as {@link #find} gives no hint that it
     * exists. Events committed before the stream is live are not replayed: read the order once after subscribing.
     * A customer's stream listens before it checks the order, so that nothing committed during the check is lost
     * (the stream's buffer keeps it until the check lets it through).
     */
    public Multi<OrderEvent> liveEvents(Caller caller, UUID orderId) {
        caller.require(Role.CUSTOMER, Role.ADMIN);
        if (caller.isAdmin()) {
            return liveEvents.events(orderId);
        }
        if (orderId == null) {
            throw new AccessDeniedException("A customer may follow only an order of their own: give its orderId");
        }
        return liveEvents
                .events(orderId)
                .onSubscription()
                .call(() -> find(caller, orderId).invoke(order -> {
                    if (order == null) {
                        throw new NotFoundException("Order", orderId);
                    }
                }));
    }

    /** After a command: the caller was already authorized by it, so no second check. */
    public Uni<OrderSnapshot> afterCommand(UUID id) {
        return queries.byId(id);
    }

    public Uni<Page<OrderSnapshot>> list(
            Caller caller, OrderFilter filter, OrderSort sort, PageArgs args, boolean withTotal) {
        OrderFilter scoped = filter == null ? OrderFilter.NONE : filter;
        if (!OrderAccess.maySee(caller, scoped.customerId())) {
            if (scoped.customerId() != null) {
                throw new AccessDeniedException("A customer may list only their own orders");
            }
            scoped = scoped.forCustomer(caller.subject());
        }
        PageRequest page = PagingConfig.request(paging, args).withTotal(withTotal);
        return queries.page(scoped, sort == null ? OrderSort.PLACED_AT_DESC : sort, page);
    }

    /**
     * Orders flagged as stuck, for one reason or (null) any, longest stuck first: the operations team's worklist
     * (admins only).
     */
    public Uni<Page<OrderSnapshot>> stuck(Caller caller, StuckReason reason, PageArgs args, boolean withTotal) {
        caller.require(Role.ADMIN);
        return queries.stuck(reason, PagingConfig.request(paging, args).withTotal(withTotal));
    }

    /**
     * Orders placed, paid, routed, shipped and cancelled per hour or day, in the whole buckets that cover
     * {@code [from, to)}, empty ones included (admins only; VALIDATION unless {@code to} is after {@code from} and
     * the window has at most oms.orders.max-activity-buckets).
     */
    public Uni<List<ActivityCount>> activity(
            Caller caller, OffsetDateTime from, OffsetDateTime to, ActivityBucket bucket) {
        caller.require(Role.ADMIN);
        ActivityWindow window =
                ActivityWindow.of(from, to, bucket == null ? ActivityBucket.HOUR : bucket, config.maxActivityBuckets());
        return activityQueries.counts(window).map(window::fill);
    }

    /** Orders reached through something the caller may already see (a fulfillment order, a backorder). */
    public Uni<Map<UUID, OrderSnapshot>> byIds(List<UUID> ids) {
        return queries.byIds(ids);
    }

    public Uni<Map<UUID, OrderLineSnapshot>> linesByIds(List<UUID> lineIds) {
        return queries.linesByIds(lineIds);
    }

    public Uni<Map<UUID, List<OrderLineSnapshot>>> linesOf(List<UUID> orderIds) {
        return queries.linesOf(orderIds);
    }

    public Uni<Map<UUID, List<RefundSnapshot>>> refundsOf(List<UUID> orderIds) {
        return refundQueries.ofOrders(orderIds);
    }

    /** Units waiting for stock per order; orders without any are left out. */
    public Uni<Map<UUID, Integer>> unitsBackorderedOf(List<UUID> orderIds) {
        return queries.unitsBackorderedOf(orderIds);
    }

    public Uni<Map<UUID, List<OrderEvent>>> eventsOf(List<UUID> orderIds) {
        return auditQueries.eventsOf(orderIds);
    }
}

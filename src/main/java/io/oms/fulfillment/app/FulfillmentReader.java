package io.oms.fulfillment.app;

import io.oms.fulfillment.domain.FulfillmentOrderFilter;
import io.oms.fulfillment.domain.FulfillmentOrderLineSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderSnapshot;
import io.oms.fulfillment.domain.FulfillmentOrderSort;
import io.oms.fulfillment.persistence.FulfillmentQueries;
import io.oms.infra.PagingConfig;
import io.oms.inventory.app.InventoryService;
import io.oms.kernel.AccessDeniedException;
import io.oms.kernel.Caller;
import io.oms.kernel.Page;
import io.oms.kernel.PageArgs;
import io.oms.kernel.PageRequest;
import io.oms.kernel.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fulfillment order queries: admins see all, warehouse staff their own location's queue. */
@ApplicationScoped
public class FulfillmentReader {
    private final FulfillmentQueries queries;
    private final InventoryService inventory;
    private final PagingConfig paging;

    public FulfillmentReader(FulfillmentQueries queries, InventoryService inventory, PagingConfig paging) {
        this.queries = queries;
        this.inventory = inventory;
        this.paging = paging;
    }

    public Uni<Page<FulfillmentOrderSnapshot>> list(
            Caller caller, FulfillmentOrderFilter filter, FulfillmentOrderSort sort, PageArgs args, boolean withTotal) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        PageRequest page = PagingConfig.request(paging, args).withTotal(withTotal);
        if (caller.isAdmin()) {
            return queries.page(filter, sort, page);
        }
        return inventory.ownLocation(caller).chain(own -> {
            if (filter.locationId() != null && !filter.locationId().equals(own.id())) {
                throw new AccessDeniedException("A warehouse token sees only its own location's fulfillment orders");
            }
            return queries.page(new FulfillmentOrderFilter(own.id(), filter.status()), sort, page);
        });
    }

    /** After a command: the caller was already authorized by it. */
    public Uni<FulfillmentOrderSnapshot> afterCommand(UUID id) {
        return queries.byId(id);
    }

    public Uni<Map<UUID, List<FulfillmentOrderSnapshot>>> ofOrders(List<UUID> orderIds) {
        return queries.ofOrders(orderIds);
    }

    public Uni<Map<UUID, List<FulfillmentOrderLineSnapshot>>> linesOf(List<UUID> fulfillmentOrderIds) {
        return queries.linesOf(fulfillmentOrderIds);
    }
}

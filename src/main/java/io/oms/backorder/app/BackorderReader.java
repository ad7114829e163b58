package io.oms.backorder.app;

import io.oms.backorder.domain.BackorderFilter;
import io.oms.backorder.domain.BackorderSnapshot;
import io.oms.backorder.domain.BackorderSort;
import io.oms.backorder.domain.BackorderTotals;
import io.oms.backorder.domain.SkuBacklog;
import io.oms.backorder.persistence.BackorderQueries;
import io.oms.infra.PagingConfig;
import io.oms.kernel.Caller;
import io.oms.kernel.Page;
import io.oms.kernel.PageArgs;
import io.oms.kernel.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Backorder queries; customers see theirs through Order.backorders. */
@ApplicationScoped
public class BackorderReader {
    private final BackorderQueries queries;
    private final PagingConfig paging;

    public BackorderReader(BackorderQueries queries, PagingConfig paging) {
        this.queries = queries;
        this.paging = paging;
    }

    public Uni<Page<BackorderSnapshot>> list(
            Caller caller, BackorderFilter filter, BackorderSort sort, PageArgs page, boolean withTotal) {
        caller.require(Role.ADMIN);
        return queries.page(filter, sort, PagingConfig.request(paging, page).withTotal(withTotal));
    }

    /**
     * How many backorders are open, for how many units and SKUs (admins); null when not {@code wanted} (the caller
     * is checked all the same): counting reads every open backorder's index entry.
     */
    public Uni<BackorderTotals> totals(Caller caller, boolean wanted) {
        caller.require(Role.ADMIN);
        return wanted ? queries.totals() : Uni.createFrom().nullItem();
    }

    /** What waits for each SKU, the SKU waiting longest first (admins). */
    public Uni<Page<SkuBacklog>> bySku(Caller caller, PageArgs page, boolean withTotal) {
        caller.require(Role.ADMIN);
        return queries.bySku(PagingConfig.request(paging, page).withTotal(withTotal));
    }

    /** The backorders a command just changed; the command authorized the caller. */
    public Uni<List<BackorderSnapshot>> afterCommand(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : queries.byIds(ids);
    }

    public Uni<Map<UUID, List<BackorderSnapshot>>> ofOrders(List<UUID> orderIds) {
        return queries.ofOrders(orderIds);
    }
}

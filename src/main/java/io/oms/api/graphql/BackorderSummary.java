package io.oms.api.graphql;

import io.oms.backorder.domain.BackorderTotals;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("BackorderSummary")
@Description("What waits for stock now: open backorders in all, and by SKU (bySku)")
public record BackorderSummary(
        @Description("Open backorders") int openCount,
        @Description("Units the open backorders wait for") int unitsWaiting,

        @Description("SKUs with at least one open backorder")
        int skuCount) {

    /** When none of the totals is selected they are not counted; the fields are then never read. */
    static final BackorderSummary NOT_COUNTED = new BackorderSummary(0, 0, 0);

    static BackorderSummary from(BackorderTotals totals) {
        return new BackorderSummary(totals.openCount(), totals.unitsWaiting(), totals.skuCount());
    }
}

package io.oms.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.backorder.app.Backorders;
import io.oms.backorder.domain.BackorderReconciliation.LineOutcome;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.kernel.Times;
import io.oms.support.Db;
import io.oms.support.RolledBack;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The backorder capability's front door, below the API, in transactions that are rolled back. */
@QuarkusTest
class BackordersPortTest {
    @Inject
    Backorders backorders;

    @Inject
    Pool pool;

    @Test
    void aPartFillSplitsTheBackorderAndACancellationTakesTheNewestFirst() {
        String sku = Stock.sku();
        UUID order = UUID.fromString(Routing.paidOrder(null, sku, 5));
        Routing.awaitRouted(order.toString(), 15_000);
        UUID line = (UUID) Db.query("select id from order_lines where order_id = ?", order)
                .get(0)
                .get(0);
        var now = Times.now(Clock.systemUTC());
        Map<String, Long> counts = RolledBack.run(
                pool,
                tx -> backorders
                        .reconcile(tx, order, List.of(new LineOutcome(line, sku, 2, 3)), now)
                        .invoke(reconciled -> {
                            assertEquals(List.of(), reconciled.created());
                            assertEquals(1, reconciled.allocated().size());
                            assertEquals(2, reconciled.allocated().get(0).quantity());
                            assertEquals(
                                    BackorderStatus.ALLOCATED,
                                    reconciled.allocated().get(0).status());
                        })
                        .chain(() -> backorders.cancel(tx, order, line, 1, now))
                        .chain(() -> tx.list(
                                "select status, sum(quantity) from backorders where order_id = $1 group by status",
                                row -> Map.entry(row.getString(0), row.getLong(1)),
                                order))
                        .map(rows -> Map.ofEntries(rows.toArray(Map.Entry[]::new))));
        assertEquals(Map.of("OPEN", 2L, "ALLOCATED", 2L, "CANCELLED", 1L), counts);
        assertEquals(
                5L,
                Db.count("select sum(quantity) from backorders where order_id = ? and status = 'OPEN'", order),
                "rolled back");
    }
}

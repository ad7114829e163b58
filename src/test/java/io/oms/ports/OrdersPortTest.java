package io.oms.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.Times;
import io.oms.order.app.Orders;
import io.oms.order.domain.LineQuantities;
import io.oms.support.Db;
import io.oms.support.RolledBack;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order's front door, below the API, in transactions that are rolled back. */
@QuarkusTest
class OrdersPortTest {
    @Inject
    Orders orders;

    @Inject
    Pool pool;

    @Test
    void linesChangeOnlyThroughTheirQuantitiesAndTheOrderIsWrittenOnceWithItsVersionBumped() {
        UUID id = UUID.fromString(io.oms.support.Orders.placed(io.oms.support.Orders.newCustomer()));
        long before = Db.count("select version from orders where id = ?", id);
        long[] after = RolledBack.run(
                pool,
                tx -> orders.lock(tx, id)
                        .chain(order -> orders.lines(tx, id)
                                .chain(lines -> {
                                    lines.get(0).change(q -> q.routed(1, q.toRoute() - 1));
                                    order.touch(Times.now(Clock.systemUTC()));
                                    order.touch(Times.now(Clock.systemUTC()));
                                    return orders.save(tx, order, lines);
                                })
                                .chain(() -> tx.one(
                                        """
                        select o.version, l.quantity_allocated, l.quantity_backordered from orders o
                        join order_lines l on l.order_id = o.id and l.line_no = 1 where o.id = $1""",
                                        row -> new long[] {row.getLong(0), row.getInteger(1), row.getInteger(2)},
                                        id))));
        assertEquals(before + 1, after[0], "one write, one version");
        assertEquals(1, after[1]);
        assertEquals(Db.count("select quantity from order_lines where order_id = ? and line_no = 1", id) - 1, after[2]);
        assertEquals(before, Db.count("select version from orders where id = ?", id), "rolled back");
    }

    @Test
    void aChangeThatWouldCountMoreUnitsThanOrderedIsRefusedBeforeAnythingIsWritten() {
        UUID id = UUID.fromString(io.oms.support.Orders.placed(io.oms.support.Orders.newCustomer()));
        assertThrows(
                IllegalStateException.class,
                () -> RolledBack.run(
                        pool,
                        tx -> orders.lines(tx, id)
                                .invoke(lines -> lines.get(0).change(q -> q.routed(q.ordered(), 1)))));
        assertThrows(IllegalStateException.class, () -> new LineQuantities(2, 1, 1, 1, 0));
    }
}

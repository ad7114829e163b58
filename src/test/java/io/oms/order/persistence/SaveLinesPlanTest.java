package io.oms.order.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Transactions;
import io.oms.order.domain.LineQuantities;
import io.oms.order.domain.OrderLine;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Saving an order's lines (every routing, every cancellation) reads them through their ids however much the table grew
 * since the session first saved lines, with the service's own session settings. A session that kept a plan made while
 * the table was a page long (a new database, statistics never refreshed: autovacuum off) read every line of the table
 * at each save: 6,746 sequential scans of 10,600 lines each in one load run.
 *
 * <p>Run on a session of its own (a lane of one connection, opened with the pool's settings), on a temporary copy of
 * {@code order_lines} that hides the real one in that session: the statement is the service's, the table is small,
 * then large, and its statistics stay those of the small table.
 */
@QuarkusTest
class SaveLinesPlanTest {
    /** PostgreSQL plans a prepared statement for its values five times before it may keep a generic plan. */
    private static final int SAVES_WHILE_SMALL = 10;

    private static final String SEQUENTIAL_SCANS =
            "select seq_scan from pg_stat_xact_all_tables where relid = 'pg_temp.order_lines'::regclass";

    @Inject
    Lanes lanes;

    @Inject
    OrderStore orders;

    @Test
    void linesAreSavedThroughTheirIdsAfterTheTableGrew() {
        Transactions session = lanes.open("save-lines-plan-test", 1).transactions();
        UUID line = UUID.randomUUID();
        await(session.run(tx -> tx.execute("create temp table order_lines (like public.order_lines including all)")
                .chain(() -> tx.execute("""
                        insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
                        values ($1, $2, 1, 'SKU-PLAN', 1000, 1)""", line, UUID.randomUUID()))
                .chain(() -> tx.execute("analyze order_lines"))));
        try {
            for (int allocated = 1; allocated <= SAVES_WHILE_SMALL; allocated++) {
                int units = allocated;
                await(session.run(tx -> save(tx, line, units)));
            }
            await(session.run(tx -> tx.execute("""
                    insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
                    select gen_random_uuid(), gen_random_uuid(), 1, 'SKU-PLAN-' || i, 1, 1
                    from generate_series(1, 50000) i""")));

            // The session's counts not yet reported include earlier transactions': the save's own is the difference.
            long scans = await(session.run(tx -> tx.one(SEQUENTIAL_SCANS, row -> row.getLong(0))
                    .call(() -> save(tx, line, SAVES_WHILE_SMALL + 1))
                    .chain(before -> tx.one(SEQUENTIAL_SCANS, row -> row.getLong(0) - before))));
            assertEquals(0, scans, "the save read the whole table of 50,001 lines to find one");
            int saved = await(session.run(tx -> tx.one(
                    "select quantity_allocated from order_lines where id = $1", row -> row.getInteger(0), line)));
            assertEquals(SAVES_WHILE_SMALL + 1, saved);
        } finally {
            await(session.run(tx -> tx.execute("drop table pg_temp.order_lines")));
        }
    }

    private Uni<Void> save(io.oms.infra.sql.Tx tx, UUID id, int allocated) {
        OrderLine line = new OrderLine(id, 1, "SKU-PLAN", BigDecimal.ONE, LineQuantities.ordered(1000));
        line.change(q -> new LineQuantities(q.ordered(), allocated, 0, 0, 0));
        return orders.saveAll(tx, List.of(), List.of(line));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().indefinitely();
    }
}

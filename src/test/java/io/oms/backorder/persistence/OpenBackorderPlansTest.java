package io.oms.backorder.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reads of an order's open backorders (every routing runs one) go through the index on order_id, on a table
 * without statistics as on one with them. Planned on a copy of {@code backorders} in this session's temporary schema
 * (first on the search path), with the table's indexes, filled after they were built, as on a new database with
 * autovacuum off: the state in which the planner read every open backorder to find an order's few.
 */
@QuarkusTest
class OpenBackorderPlansTest {
    /** An index condition on the order id: the scan starts at the order's rows instead of filtering others. */
    private static final Pattern BY_ORDER_ID = Pattern.compile("Index Cond: \\((b\\.)?order_id = ");

    /** Any index scan of the table, and the index it uses. */
    private static final Pattern INDEX_SCAN = Pattern.compile("using (\\S+) on backorders b");

    /** The names the copy's indexes on (order_id) get: the partial one of open backorders and the whole one. */
    private static final String ORDER_ID_INDEX = "backorders_order_id_idx";

    @Test
    void anOrdersOpenBackordersAreReadThroughItsOrderIdWithOrWithoutStatistics() throws SQLException {
        // Without statistics every index looks empty and the planner decides by fractions of a cost unit: with 180
        // orders of three open backorders each (as in a load run) it read every open backorder through the index on
        // status; with 500 it did not. Hence several sizes.
        for (int orders : List.of(60, 180, 500, 1000)) {
            try (Connection connection = Db.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("create temp table backorders (like public.backorders including all)");
                statement.execute("""
                        insert into backorders (id, order_id, order_line_id, sku, quantity, status, created_at,
                                                updated_at)
                        select gen_random_uuid(), o.id, gen_random_uuid(), 'SKU-' || (n %% 50), 1, 'OPEN',
                               now() - make_interval(secs => o.i * 3 + n), now()
                        from (select gen_random_uuid() id, i from generate_series(1, %d) i) o,
                             generate_series(0, 2) n""".formatted(orders));
                String order = one(statement, "select order_id::text from backorders limit 1");
                statement.execute("set plan_cache_mode = force_custom_plan");
                statement.execute("prepare open_of(uuid) as " + BackorderStore.OPEN_OF);
                statement.execute("prepare open_of_orders(uuid[]) as " + BackorderStore.OPEN_OF_ORDERS);
                statement.execute("prepare queued_of_orders(uuid[]) as " + BackorderStore.QUEUED_OF_ORDERS);
                for (String state : List.of("without statistics", "after ANALYZE")) {
                    if (state.equals("after ANALYZE")) {
                        if (orders < 500) {
                            break; // a table of a few pages is read whole, rightly, once the planner knows its size
                        }
                        statement.execute("analyze backorders");
                    }
                    for (String execution : List.of(
                            "open_of('" + order + "')",
                            "open_of_orders('{" + order + "," + UUID.randomUUID() + "}')",
                            "queued_of_orders('{" + order + "}')")) {
                        String plan = plan(statement, "explain execute " + execution);
                        String where = execution + ", " + orders + " orders, " + state + ":\n" + plan;
                        // A table of a few dozen pages may be read whole (its size is known without statistics),
                        // never through another index: those reads grow with the open backorders, unseen.
                        Matcher scans = INDEX_SCAN.matcher(plan);
                        while (scans.find()) {
                            assertTrue(
                                    scans.group(1).startsWith(ORDER_ID_INDEX), "read through another index: " + where);
                        }
                        if (orders >= 1000) {
                            assertTrue(BY_ORDER_ID.matcher(plan).find(), "not read through its order id: " + where);
                        }
                    }
                }
            }
        }
    }

    private static String one(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String plan(Statement statement, String explain) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(explain)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}

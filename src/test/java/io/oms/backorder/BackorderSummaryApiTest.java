package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * backorderSummary against the backorders rows: its totals and every page of bySku, forward and backward, are
 * compared with the same figures counted in SQL from the definitions. The test's own backorders are dated years
 * back, so that their SKUs wait longest and head the list whatever other tests left open; the workers and fills
 * run meanwhile, so each answer is taken when the database's figures are the same just before and just after it.
 */
@QuarkusTest
class BackorderSummaryApiTest {
    private static final String TOTALS = "{ backorderSummary { openCount unitsWaiting skuCount } }";
    private static final String BY_SKU = """
            query BySku($first: Int, $after: String, $last: Int, $before: String) {
              backorderSummary {
                bySku(first: $first, after: $after, last: $last, before: $before) {
                  totalCount
                  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                  edges { cursor node { sku openCount unitsWaiting oldestCreatedAt nextExpectedAt } }
                }
              }
            }""";

    /** Every SKU with open backorders, waiting longest first, with its figures: the definition, in SQL. */
    private static final String EXPECTED_BY_SKU = """
            select b.sku, count(*), sum(b.quantity), min(b.created_at), min(b.expected_at),
                   (array_agg(b.id order by b.created_at, b.id))[1] as oldest_id
            from backorders b where b.status = 'OPEN' group by b.sku
            order by min(b.created_at), oldest_id""";

    private final List<UUID> inserted = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (UUID id : inserted) {
            Db.execute("delete from backorders where id = ?", id);
        }
    }

    @Test
    void theSummaryCountsOpenBackordersUnitsAndSkusAndListsTheSkuWaitingLongestFirst() throws Exception {
        String oldest = Stock.sku();
        String second = Stock.sku();
        String third = Stock.sku();
        String allocatedOnly = Stock.sku();
        backorder(oldest, 3, "OPEN", "2001-01-01T00:00:00Z", null);
        backorder(oldest, 2, "OPEN", "2001-03-01T00:00:00Z", "2001-05-01T00:00:00Z");
        backorder(oldest, 7, "CANCELLED", "2000-12-01T00:00:00Z", "2001-02-01T00:00:00Z");
        backorder(second, 4, "OPEN", "2001-02-01T00:00:00Z", "2001-04-01T00:00:00Z");
        backorder(second, 1, "OPEN", "2001-06-01T00:00:00Z", "2001-03-15T00:00:00Z");
        backorder(third, 5, "OPEN", "2001-02-01T00:00:00Z", null); // the same time as second's: the id decides
        backorder(allocatedOnly, 9, "ALLOCATED", "2000-01-01T00:00:00Z", null);

        JsonPath totals = steady(() -> call(Tokens.admin(), TOTALS));
        assertEquals(
                expectedTotals(),
                List.of(
                        totals.getInt("data.backorderSummary.openCount"),
                        totals.getInt("data.backorderSummary.unitsWaiting"),
                        totals.getInt("data.backorderSummary.skuCount")),
                totals.prettify());

        JsonPath head = steady(() -> bySku(Map.of("first", 3)));
        List<Map<String, Object>> nodes = nodes(head);
        List<String> timesTied = Db.query(
                        "select sku from backorders where sku in (?, ?) and status = 'OPEN'"
                                + " and created_at = '2001-02-01T00:00:00Z' order by id",
                        second,
                        third)
                .stream()
                .map(row -> (String) row.get(0))
                .toList();
        assertEquals(
                List.of(
                        node(oldest, 2, 5, "2001-01-01T00:00:00Z", "2001-05-01T00:00:00Z"),
                        figuresOf(timesTied.get(0), second, third),
                        figuresOf(timesTied.get(1), second, third)),
                nodes,
                head.prettify());
        assertFalse(nodes.stream().anyMatch(n -> n.get("sku").equals(allocatedOnly)), head.prettify());
        assertFalse(head.getBoolean("data.backorderSummary.bySku.pageInfo.hasPreviousPage"), head.prettify());

        // Every page forward, then every page backward, is the SQL's list of SKUs with their figures. Each page is
        // steady on its own; the walk is taken again when the open backorders changed between its first page and its
        // last (another test's restock retried by the sweeper re-dated one in the middle of a walk).
        List<Map<String, Object>> forward = new ArrayList<>();
        List<Map<String, Object>> backward = new ArrayList<>();
        List<Map<String, Object>> expected = null;
        int total = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            forward.clear();
            backward.clear();
            List<Map<String, Object>> before = expectedBySku();
            total = walk(forward, backward);
            expected = expectedBySku();
            if (before.equals(expected)) {
                break;
            }
        }
        assertEquals(expected, forward);
        assertEquals(expected, backward);
        assertEquals(expected.size(), total);
        assertEquals(expectedTotals().get(2), total, "skuCount and bySku's totalCount agree");
    }

    @Test
    void totalsAskedThroughAFragmentOrAnAliasAreCountedToo() throws Exception {
        backorder(Stock.sku(), 2, "OPEN", "2001-01-01T00:00:00Z", null);
        JsonPath indirect = steady(() -> call(Tokens.admin(), """
                { backorderSummary { ...Totals waiting: unitsWaiting } }
                fragment Totals on BackorderSummary { openCount skus: skuCount }"""));
        assertEquals(
                expectedTotals(),
                List.of(
                        indirect.getInt("data.backorderSummary.openCount"),
                        indirect.getInt("data.backorderSummary.waiting"),
                        indirect.getInt("data.backorderSummary.skus")),
                indirect.prettify());
    }

    @Test
    void bySkuAloneIsAnsweredAndBadPagesAreRefused() {
        JsonPath page = call(Tokens.admin(), "{ backorderSummary { bySku(first: 1) { edges { node { sku } } } } }");
        assertNull(errorCode(page), page.prettify());
        assertEquals("VALIDATION", errorCode(bySku(Map.of("first", 201))));
        assertEquals("VALIDATION", errorCode(bySku(Map.of("first", 1, "after", "not-a-cursor"))));
        JsonPath both = bySku(Map.of("first", 1, "last", 1));
        assertEquals("last", both.getString("errors[0].extensions.field"), both.prettify());
    }

    @Test
    void onlyAdminsReadTheSummary() {
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer(Orders.newCustomer()), TOTALS)));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("ANY"), TOTALS)));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, TOTALS)));
        String pageOnly = "{ backorderSummary { bySku(first: 1) { totalCount } } }";
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("ANY"), pageOnly)));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer(Orders.newCustomer()), pageOnly)));
    }

    /** Pages of 2 forward to the end, then of 2 backward from the end to the start; returns the totalCount. */
    private static int walk(List<Map<String, Object>> forward, List<Map<String, Object>> backward) {
        int total = -1;
        String after = null;
        for (boolean more = true; more; ) {
            Map<String, Object> args = new HashMap<>(Map.of("first", 2));
            if (after != null) {
                args.put("after", after);
            }
            JsonPath page = steady(() -> bySku(args));
            assertNull(errorCode(page), page.prettify());
            forward.addAll(nodes(page));
            total = page.getInt("data.backorderSummary.bySku.totalCount");
            more = page.getBoolean("data.backorderSummary.bySku.pageInfo.hasNextPage");
            after = page.getString("data.backorderSummary.bySku.pageInfo.endCursor");
            assertEquals(
                    after != null && forward.size() > 2,
                    page.getBoolean("data.backorderSummary.bySku.pageInfo.hasPreviousPage"),
                    page.prettify());
        }
        String before = null;
        for (boolean more = true; more; ) {
            Map<String, Object> args = new HashMap<>(Map.of("last", 2));
            if (before != null) {
                args.put("before", before);
            }
            JsonPath page = steady(() -> bySku(args));
            backward.addAll(0, nodes(page));
            more = page.getBoolean("data.backorderSummary.bySku.pageInfo.hasPreviousPage");
            before = page.getString("data.backorderSummary.bySku.pageInfo.startCursor");
        }
        return total;
    }

    /** A page's nodes, their times written as SQL's are below (Instant's form), to compare them as text. */
    private static List<Map<String, Object>> nodes(JsonPath page) {
        List<Map<String, Object>> nodes = page.getList("data.backorderSummary.bySku.edges.node");
        return nodes.stream()
                .map(n -> node(
                        (String) n.get("sku"),
                        (Integer) n.get("openCount"),
                        (Integer) n.get("unitsWaiting"),
                        Instant.parse((String) n.get("oldestCreatedAt")).toString(),
                        n.get("nextExpectedAt") == null
                                ? null
                                : Instant.parse((String) n.get("nextExpectedAt"))
                                        .toString()))
                .toList();
    }

    private static JsonPath bySku(Map<String, Object> variables) {
        return call(Tokens.admin(), BY_SKU, variables);
    }

    /** The answer, once the database's open backorders are the same just before and just after it. */
    private static JsonPath steady(Supplier<JsonPath> ask) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Map<String, Object>> before = expectedBySku();
            JsonPath answer = ask.get();
            assertNull(errorCode(answer), answer.prettify());
            if (before.equals(expectedBySku())) {
                return answer;
            }
            Routing.pause(200);
        }
        throw new AssertionError("the open backorders never stood still");
    }

    private static List<Integer> expectedTotals() {
        List<Object> row = Db.query("select count(*), coalesce(sum(quantity), 0), count(distinct sku)"
                        + " from backorders where status = 'OPEN'")
                .get(0);
        return row.stream().map(v -> ((Number) v).intValue()).toList();
    }

    private static List<Map<String, Object>> expectedBySku() {
        return Db.query(EXPECTED_BY_SKU).stream()
                .map(row -> node(
                        (String) row.get(0),
                        ((Number) row.get(1)).intValue(),
                        ((Number) row.get(2)).intValue(),
                        iso(row.get(3)),
                        iso(row.get(4))))
                .toList();
    }

    /** The figures of second or third as inserted above. */
    private static Map<String, Object> figuresOf(String sku, String second, String third) {
        return sku.equals(second)
                ? node(second, 2, 5, "2001-02-01T00:00:00Z", "2001-03-15T00:00:00Z")
                : node(third, 1, 5, "2001-02-01T00:00:00Z", null);
    }

    private static Map<String, Object> node(
            String sku, int openCount, int units, String oldestCreatedAt, String nextExpectedAt) {
        Map<String, Object> node = new HashMap<>();
        node.put("sku", sku);
        node.put("openCount", openCount);
        node.put("unitsWaiting", units);
        node.put("oldestCreatedAt", oldestCreatedAt);
        node.put("nextExpectedAt", nextExpectedAt);
        return node;
    }

    private static String iso(Object time) {
        return time == null ? null : ((Timestamp) time).toInstant().toString();
    }

    /** A backorder row of an order placed for it (unpaid: no routing or fill touches it). */
    private void backorder(String sku, int quantity, String status, String createdAt, String expectedAt)
            throws Exception {
        UUID orderId = UUID.fromString(Orders.placed(Orders.newCustomer()));
        UUID lineId = (UUID) Db.query("select id from order_lines where order_id = ? limit 1", orderId)
                .get(0)
                .get(0);
        UUID id = UUID.randomUUID();
        Db.execute(
                "insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, expected_at,"
                        + " created_at, allocated_at, updated_at) values (?, ?, ?, ?, ?, ?, 'WAIT', ?, ?, ?, now())",
                id,
                orderId,
                lineId,
                sku,
                quantity,
                status,
                expectedAt == null ? null : Timestamp.from(Instant.parse(expectedAt)),
                Timestamp.from(Instant.parse(createdAt)),
                "ALLOCATED".equals(status) ? Timestamp.from(Instant.parse(createdAt)) : null);
        inserted.add(id);
    }
}

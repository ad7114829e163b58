package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.GraphQL;
import io.oms.support.Orders;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operations console's view of the outbox: admins only, and redelivery of DEAD notices only. */
@QuarkusTest
class NotificationAdminApiTest {
    private static final String LIST = """
            query($status: NotificationStatus) {
              notifications(filter: {status: $status}, first: 5) { edges { node { id status } } }
            }""";
    private static final String REDELIVER = """
            mutation($id: ID!) { redeliverNotification(id: $id) { id status } }""";
    private static final String REDELIVER_DEAD = """
            mutation($o: ID) { redeliverDeadNotifications(orderId: $o) { id status } }""";

    @Test
    void onlyAdminsSeeOrRedeliverNotices() {
        JsonPath anonymous = GraphQL.call(null, LIST, new HashMap<>());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(anonymous));
        JsonPath customer = GraphQL.call(Tokens.customer("cust-" + UUID.randomUUID()), LIST, new HashMap<>());
        assertEquals("FORBIDDEN", GraphQL.errorCode(customer));
        JsonPath warehouse = GraphQL.call(
                Tokens.warehouse("WH-1"),
                REDELIVER,
                Map.of("id", UUID.randomUUID().toString()));
        assertEquals("FORBIDDEN", GraphQL.errorCode(warehouse));
        JsonPath warehouseAll = GraphQL.call(Tokens.warehouse("WH-1"), REDELIVER_DEAD, new HashMap<>());
        assertEquals("FORBIDDEN", GraphQL.errorCode(warehouseAll));
        JsonPath admin = GraphQL.call(Tokens.admin(), LIST, Map.of("status", "SENT"));
        assertNull(GraphQL.errorCode(admin), admin.prettify());
    }

    @Test
    void redeliveringAnUnknownOrANotDeadNoticeIsRefusedAndChangesNothing() throws Exception {
        UUID dead = notice("DEAD");
        UUID pending = notice("PENDING");
        JsonPath unknown = GraphQL.call(
                Tokens.admin(), REDELIVER, Map.of("id", UUID.randomUUID().toString()));
        assertEquals("NOT_FOUND", GraphQL.errorCode(unknown), unknown.prettify());
        JsonPath notDead = GraphQL.call(Tokens.admin(), REDELIVER, Map.of("id", pending.toString()));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(notDead), notDead.prettify());
        assertEquals("PENDING", notDead.getString("errors[0].extensions.from"));
        assertEquals("PENDING", notDead.getString("errors[0].extensions.to"));
        JsonPath bad = GraphQL.call(Tokens.admin(), REDELIVER, Map.of("id", "not-an-id"));
        assertEquals("VALIDATION", GraphQL.errorCode(bad), bad.prettify());
        assertEquals(
                "DEAD",
                Db.query("select status from notifications where id = ?", dead)
                        .get(0)
                        .get(0));
        // The release's field, kept deprecated for one release: without ids it still requeues what
        // redeliverDeadNotifications would; here for an order that has no DEAD notice, so it changes nothing.
        JsonPath deprecated = GraphQL.call(
                Tokens.admin(),
                "mutation($o: ID) { redeliverNotifications(orderId: $o) { id } }",
                Map.of("o", UUID.randomUUID().toString()));
        assertNull(GraphQL.errorCode(deprecated), deprecated.prettify());
        assertEquals(List.of(), deprecated.getList("data.redeliverNotifications"));
        // In bulk, scoped to one order: an unscoped redelivery would requeue other tests' DEAD notices too.
        String order = Orders.placed(Orders.newCustomer());
        UUID ofOrder = notice("DEAD", UUID.fromString(order));
        JsonPath all = GraphQL.call(Tokens.admin(), REDELIVER_DEAD, Map.of("o", order));
        assertNull(GraphQL.errorCode(all), all.prettify());
        assertEquals(List.of(ofOrder.toString()), all.getList("data.redeliverDeadNotifications.id"), all.prettify());
        assertNotEquals(
                "DEAD",
                Db.query("select status from notifications where id = ?", ofOrder)
                        .get(0)
                        .get(0));
    }

    /** A notice whose webhook channel has {@code status}; due in a day, so no dispatcher touches it meanwhile. */
    private static UUID notice(String status) throws Exception {
        return notice(status, null);
    }

    private static UUID notice(String status, UUID orderId) throws Exception {
        UUID id = UUID.randomUUID();
        Db.execute("""
                insert into notifications (id, kind, order_id, recipient, payload, status, attempts, next_attempt_at,
                                           created_at)
                values (?, 'ORDER_STUCK', ?, null, '{"orderNumber": 1}'::jsonb, 'PENDING', 0,
                        now() + interval '1 day', now())""", id, orderId);
        Db.execute(
                "update notification_deliveries set status = ?, last_error = 'HTTP 503' where notification_id = ?",
                status,
                id);
        return id;
    }
}

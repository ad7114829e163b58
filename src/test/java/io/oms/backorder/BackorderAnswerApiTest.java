package io.oms.backorder;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The customer's answer to a backorder is recorded, audited, and a CANCEL takes exactly that backorder. */
@QuarkusTest
class BackorderAnswerApiTest {

    @Test
    void cancellingABackorderRecordsTheAnswerAndWorksWhileOtherUnitsOfTheLineArePicked() {
        String sku = Stock.sku();
        String code = Stock.uniqueCode("ANS");
        Stock.put(Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17), sku, 2);
        String customer = Orders.newCustomer();
        Map<String, Object> input = Orders.input();
        input.put("lines", List.of(Orders.line(sku, 5, "10.00")));
        String id = Orders.place(Tokens.customer(customer), input).getString("data.placeOrder.id");
        Routing.pay(id);
        JsonPath routed = Routing.awaitRouted(id, 15_000);
        String fo = routed.getString("data.order.fulfillmentOrders[0].id");
        JsonPath picking = call(
                Tokens.warehouse(code),
                "mutation($id: ID!) { startPicking(fulfillmentOrderId: $id) { status } }",
                Map.of("id", fo));
        assertNull(errorCode(picking), picking::prettify);
        String backorder = call(
                        Tokens.customer(customer),
                        "query($id: ID!) { order(id: $id) { backorders { id } } }",
                        Map.of("id", id))
                .getString("data.order.backorders[0].id");

        JsonPath answered = call(Tokens.customer(customer), """
                mutation($id: ID!) { respondToBackorder(backorderId: $id, decision: CANCEL) {
                  id status decision quantity order { refundedTotal lines { quantityCancelled quantityAllocated } } } }""", Map.of("id", backorder));
        assertNull(errorCode(answered), answered::prettify);
        assertEquals(backorder, answered.getString("data.respondToBackorder.id"), "that backorder, not another row");
        assertEquals("CANCELLED", answered.getString("data.respondToBackorder.status"));
        assertEquals("CANCEL", answered.getString("data.respondToBackorder.decision"));
        assertEquals(3, answered.getInt("data.respondToBackorder.quantity"));
        assertEquals(List.of(3), answered.getList("data.respondToBackorder.order.lines.quantityCancelled"));
        assertEquals(List.of(2), answered.getList("data.respondToBackorder.order.lines.quantityAllocated"));
        assertEquals(new BigDecimal("30.00"), answered.get("data.respondToBackorder.order.refundedTotal"));
        assertEquals(1L, Db.count("""
                select count(*) from order_events where order_id = ? and type = 'BACKORDER_DECISION'
                and details ->> 'decision' = 'CANCEL'""", UUID.fromString(id)));
    }
}

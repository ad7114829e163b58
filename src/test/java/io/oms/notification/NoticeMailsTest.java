package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each notice kind as a mail a person reads, in text and in escaped HTML, from the payloads the writers store. */
class NoticeMailsTest {
    private static final UUID ORDER = UUID.fromString("00000000-0000-4000-9000-000000000002");
    private final NoticeMails mails = new NoticeMails(Optional.of("https://shop.example.com/orders/{orderId}"));

    @Test
    void backorderCreatedOffersTheChoiceWithTheExpectedDateAndALink() {
        MailContent mail = mails.render("BACKORDER_CREATED", ORDER, new JsonObject("""
                {"orderNumber": 100042, "backorderId": "b", "sku": "SKU-0050", "quantity": 2,
                 "expectedAt": "2026-12-03T10:00:00Z", "choices": ["WAIT", "CANCEL"]}"""));
        assertEquals("Order 100042: SKU-0050 is on backorder", mail.subject());
        String text = mail.text();
        assertTrue(text.contains("2 x SKU-0050 of your order 100042"), text);
        assertTrue(text.contains("3 December 2026"), text);
        assertTrue(text.contains("Wait:") && text.contains("Cancel:"), text);
        assertTrue(text.contains("https://shop.example.com/orders/" + ORDER), text);
        assertTrue(mail.html().contains("<a href=\"https://shop.example.com/orders/" + ORDER + "\">"), mail.html());
    }

    @Test
    void aShipmentSaysWhatIsInTheParcelAndWhatStillFollows() {
        JsonObject payload = new JsonObject()
                .put("orderNumber", 100043)
                .put("carrier", "UPS")
                .put("trackingNumber", "1Z999")
                .put(
                        "items",
                        new JsonArray().add(new JsonObject().put("sku", "SKU-1").put("quantity", 2)))
                .put(
                        "toFollow",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("sku", "SKU-2")
                                        .put("quantity", 1)
                                        .put("expectedAt", "2026-12-05T00:00:00Z")));
        String text = mails.render("SHIPMENT_SHIPPED", ORDER, payload).text();
        assertTrue(text.contains("UPS, tracking number 1Z999"), text);
        assertTrue(text.contains("In this parcel:\n\n  - 2 x SKU-1"), text);
        assertTrue(
                text.contains("Still to follow, in other parcels:\n\n  - 1 x SKU-2, expected 5 December 2026"), text);

        payload.put("toFollow", new JsonArray());
        assertTrue(mails.render("SHIPMENT_SHIPPED", ORDER, payload).text().contains("completes your order"));
    }

    @Test
    void aCancellationStatesTheRefundInTheOrdersCurrency() {
        MailContent mail = mails.render("LINES_CANCELLED", ORDER, new JsonObject("""
                {"orderNumber": 100044, "reason": "customer asked", "refund": 39.98, "currency": "USD", "total": 5,
                 "cancelled": [{"orderLineId": "l", "sku": "SKU-A", "quantity": 2}]}"""));
        assertEquals("Order 100044: cancellation and refund of 39.98 USD", mail.subject());
        assertTrue(mail.text().contains("  - 2 x SKU-A"), mail.text());
        assertTrue(mail.text().contains("We refund 39.98 USD") && mail.text().contains("now 5.00 USD"), mail.text());
    }

    @Test
    void everythingFromThePayloadIsEscapedInTheHtml() {
        MailContent mail = mails.render("LINES_CANCELLED", ORDER, new JsonObject("""
                {"orderNumber": 100045, "reason": "<script>alert('x')</script> & \\"more\\"", "refund": 0,
                 "currency": "JPY", "total": 1200, "cancelled": [{"orderLineId": "l", "sku": "SKU-<b>", "quantity": 1}]}"""));
        String html = mail.html();
        assertFalse(html.contains("<script>") || html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"), html);
        assertTrue(mail.text().contains("We refund 0 JPY"), mail.text());
    }

    @Test
    void aStuckOrderTellsOperationsWhy() {
        MailContent mail = mails.render("ORDER_STUCK", ORDER, new JsonObject("""
                {"orderNumber": 100046, "status": "PAID", "reason": "UNROUTED",
                 "stuckSince": "2026-11-30T08:00:00.123456+00:00"}"""));
        assertEquals("Order 100046 is stuck (UNROUTED)", mail.subject());
        assertTrue(mail.text().contains("paid but has not been routed"), mail.text());
    }

    @Test
    void theAllocationOfABackorderAndNoLinkWhenNoneIsConfigured() {
        MailContent mail = new NoticeMails(Optional.empty()).render("BACKORDER_ALLOCATED", ORDER, new JsonObject("""
                        {"orderNumber": 100047, "backorderId": "b", "sku": "SKU-9", "quantity": 3}"""));
        assertTrue(mail.text().contains("3 x SKU-9 of your order 100047 is back in stock"), mail.text());
        assertFalse(mail.text().contains("http"), mail.text());
    }
}

package io.oms.notification;

import io.oms.notification.MailContent.Block;
import io.oms.notification.MailContent.Items;
import io.oms.notification.MailContent.Link;
import io.oms.notification.MailContent.Paragraph;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail of each notice kind, in words a customer (or, for stuck orders, an operator) reads: typed Java rather
 * than a template engine (Qute cannot be used here, see the README), each kind reading its payload into a record
 * first, so a missing field fails loudly in one place. {@link MailContent} renders text and escaped HTML.
 */
public final class NoticeMails {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private final Optional<String> orderLink;

    /** {@code orderLink}: the storefront's page of an order, with {orderId} and {orderNumber} placeholders. */
    public NoticeMails(Optional<String> orderLink) {
        this.orderLink = orderLink.filter(link -> !link.isBlank());
    }

    record Item(String sku, int quantity, OffsetDateTime expectedAt) {
        static Item from(JsonObject json) {
            return new Item(json.getString("sku"), json.getInteger("quantity"), date(json.getString("expectedAt")));
        }

        String line() {
            return quantity + " x " + sku + (expectedAt == null ? "" : ", expected " + day(expectedAt));
        }
    }

    public MailContent render(String kind, UUID orderId, JsonObject payload) {
        long number = payload.getLong("orderNumber");
        return switch (kind) {
            case "BACKORDER_CREATED" -> backorderCreated(orderId, number, Item.from(payload));
            case "BACKORDER_ALLOCATED" -> backorderAllocated(orderId, number, Item.from(payload));
            case "SHIPMENT_SHIPPED" ->
                shipped(
                        orderId,
                        number,
                        payload.getString("carrier"),
                        payload.getString("trackingNumber"),
                        items(payload.getJsonArray("items")),
                        items(payload.getJsonArray("toFollow")));
            case "LINES_CANCELLED" ->
                cancelled(
                        orderId,
                        number,
                        payload.getString("reason"),
                        items(payload.getJsonArray("cancelled")),
                        money(payload.getValue("refund"), payload.getString("currency")),
                        money(payload.getValue("total"), payload.getString("currency")));
            case "ORDER_STUCK" ->
                stuck(
                        number,
                        payload.getString("status"),
                        payload.getString("reason"),
                        date(payload.getValue("stuckSince").toString()));
            default -> throw new IllegalArgumentException("no mail for notices of kind " + kind);
        };
    }

    private MailContent backorderCreated(UUID orderId, long number, Item item) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Hello,"));
        blocks.add(new Paragraph(item.quantity() + " x " + item.sku() + " of your order " + number
                + " is not in stock anywhere right now, so it is on backorder."));
        blocks.add(new Paragraph(
                item.expectedAt() == null
                        ? "We do not have a date for it yet."
                        : "We expect it by " + day(item.expectedAt()) + "."));
        blocks.add(new Paragraph("You can choose what happens to it:"));
        blocks.add(new Items(List.of(
                "Wait: do nothing. It ships as soon as it arrives, and we will write to you when it does.",
                "Cancel: cancel just this item in your account, and we refund what you paid for it.")));
        link(orderId, number, "Choose in your order").ifPresent(blocks::add);
        return new MailContent("Order " + number + ": " + item.sku() + " is on backorder", blocks);
    }

    private MailContent backorderAllocated(UUID orderId, long number, Item item) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Hello,"));
        blocks.add(new Paragraph("Good news: " + item.quantity() + " x " + item.sku() + " of your order " + number
                + " is back in stock and reserved for you. We will write to you again when it ships."));
        link(orderId, number, "Your order").ifPresent(blocks::add);
        return new MailContent("Order " + number + ": " + item.sku() + " is no longer on backorder", blocks);
    }

    private MailContent shipped(
            UUID orderId, long number, String carrier, String tracking, List<Item> parcel, List<Item> toFollow) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Hello,"));
        blocks.add(new Paragraph("A parcel of your order " + number + " is on its way with " + carrier
                + ", tracking number " + tracking + "."));
        blocks.add(new Paragraph("In this parcel:"));
        blocks.add(new Items(parcel.stream().map(Item::line).toList()));
        if (toFollow.isEmpty()) {
            blocks.add(new Paragraph("Nothing else is to follow: this parcel completes your order."));
        } else {
            blocks.add(new Paragraph("Still to follow, in other parcels:"));
            blocks.add(new Items(toFollow.stream().map(Item::line).toList()));
        }
        link(orderId, number, "Your order").ifPresent(blocks::add);
        return new MailContent("Order " + number + ": a parcel is on its way", blocks);
    }

    private MailContent cancelled(
            UUID orderId, long number, String reason, List<Item> lines, String refund, String total) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Hello,"));
        blocks.add(new Paragraph("We have cancelled the following from your order " + number + ":"));
        blocks.add(new Items(lines.stream()
                .map(line -> line.sku() == null ? line.quantity() + " item(s)" : line.line())
                .toList()));
        blocks.add(new Paragraph("Reason: " + reason));
        blocks.add(new Paragraph(
                "We refund " + refund + " to your original means of payment. The order's total is now " + total + "."));
        link(orderId, number, "Your order").ifPresent(blocks::add);
        return new MailContent("Order " + number + ": cancellation and refund of " + refund, blocks);
    }

    private static MailContent stuck(long number, String status, String reason, OffsetDateTime since) {
        String why = switch (reason) {
            case "UNROUTED" -> "it is paid but has not been routed to any location";
            case "NOT_PROGRESSING" -> "one of its fulfillment orders has not moved";
            case "BACKORDER_OVERDUE" -> "one of its backorders is past its expected date";
            default -> reason;
        };
        return new MailContent(
                "Order " + number + " is stuck (" + reason + ")",
                List.of(
                        new Paragraph("Order " + number + " (status " + status + ") has been flagged " + reason
                                + " since " + since.withOffsetSameInstant(ZoneOffset.UTC) + ": " + why + "."),
                        new Paragraph("It is listed by the stuckOrders query of the admin API until it moves again.")));
    }

    private Optional<Block> link(UUID orderId, long number, String label) {
        return orderLink.map(template -> new Link(
                label,
                template.replace("{orderId}", String.valueOf(orderId))
                        .replace("{orderNumber}", String.valueOf(number))));
    }

    private static List<Item> items(JsonArray array) {
        List<Item> items = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                items.add(Item.from(array.getJsonObject(i)));
            }
        }
        return items;
    }

    private static String money(Object amount, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return new BigDecimal(String.valueOf(amount)).setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN) + " "
                + currency;
    }

    private static OffsetDateTime date(String iso) {
        return iso == null ? null : OffsetDateTime.parse(iso);
    }

    private static String day(OffsetDateTime time) {
        return DAY.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}

package io.oms.api.graphql;

import io.oms.backorder.domain.BackorderFilter;
import io.oms.backorder.domain.BackorderStatus;
import io.oms.fulfillment.domain.FulfillmentOrderFilter;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.inventory.domain.LocationDraft;
import io.oms.inventory.domain.LocationType;
import io.oms.kernel.ValidationException;
import io.oms.order.domain.CartLine;
import io.oms.order.domain.NewOrderLine;
import io.oms.order.domain.OrderStatus;
import io.oms.order.domain.PlaceOrder;
import io.oms.order.domain.SplitPolicy;
import io.oms.order.domain.StuckReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL input types and their translation into domain commands. */
final class Inputs {
    private Inputs() {}

    @Input("AddressInput")
    public record AddressInput(
            String name,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            @Description("ISO-3166 alpha-2") String country,
            Double latitude,
            Double longitude) {

        io.oms.order.domain.Address toDomain() {
            return new io.oms.order.domain.Address(
                    name, line1, line2, city, region, postalCode, country, latitude, longitude);
        }
    }

    @Input("OrderLineInput")
    public record OrderLineInput(String sku, int quantity, BigDecimal unitPrice) {}

    @Input("PlaceOrderInput")
    public record PlaceOrderInput(
            @Description("Same key from the same caller returns the same order")
            String idempotencyKey,

            String email,
            @Description("ISO-4217") String currency,
            AddressInput shippingAddress,
            SplitPolicy splitPolicy,
            @NonNull List<OrderLineInput> lines,

            @Description("Only an admin sets it; for a customer it is the token's subject")
            String customerId) {

        PlaceOrder toCommand() {
            List<NewOrderLine> newLines = lines == null
                    ? null
                    : lines.stream()
                            .map(l -> l == null ? null : new NewOrderLine(l.sku(), l.quantity(), l.unitPrice()))
                            .toList();
            return new PlaceOrder(
                    idempotencyKey,
                    customerId,
                    email,
                    currency,
                    shippingAddress == null ? null : shippingAddress.toDomain(),
                    splitPolicy,
                    newLines);
        }
    }

    @Input("CancelLineInput")
    public record CancelLineInput(@Id String orderLineId, int quantity) {}

    @Input("CartLineInput")
    public record CartLineInput(String sku, int quantity) {}

    @Input("FulfillmentPlanInput")
    public record FulfillmentPlanInput(
            AddressInput shippingAddress,
            SplitPolicy splitPolicy,
            @NonNull List<CartLineInput> lines) {

        io.oms.order.domain.Address address() {
            return shippingAddress == null ? null : shippingAddress.toDomain();
        }

        List<CartLine> cartLines() {
            return lines == null
                    ? null
                    : lines.stream()
                            .map(l -> l == null ? null : new CartLine(l.sku(), l.quantity()))
                            .toList();
        }
    }

    @Input("FulfillmentOrderFilter")
    public record FulfillmentOrderFilterInput(@Id String locationId, FulfillmentOrderStatus status) {

        FulfillmentOrderFilter toDomain() {
            return new FulfillmentOrderFilter(
                    locationId == null || locationId.isBlank() ? null : Ids.parse(locationId, "filter.locationId"),
                    status);
        }
    }

    @Input("BackorderFilter")
    public record BackorderFilterInput(String sku, BackorderStatus status) {

        BackorderFilter toDomain() {
            return new BackorderFilter(blankToNull(sku), status);
        }
    }

    @Input("OrderFilter")
    public record OrderFilterInput(
            OrderStatus status,
            String customerId,
            String sku,
            OffsetDateTime placedFrom,
            OffsetDateTime placedTo,

            @Description("true: only orders flagged as stuck; false: only the others")
            Boolean stuck,

            @Description("Only orders flagged as stuck for this reason (implies stuck: true; with stuck: false it is"
                    + " VALIDATION)")
            StuckReason stuckReason,

            @Description("The order number, as Order.number shows it")
            String number,

            @Description("The customer's email, in any case")
            String email,

            @Id @Description("Orders with a fulfillment order at this location")
            String locationId) {

        io.oms.order.domain.OrderFilter toDomain() {
            return new io.oms.order.domain.OrderFilter(
                    status,
                    blankToNull(customerId),
                    blankToNull(sku),
                    placedFrom,
                    placedTo,
                    stuck,
                    stuckReason,
                    orderNumber(blankToNull(number)),
                    blankToNull(email),
                    blankToNull(locationId) == null ? null : Ids.parse(locationId, "filter.locationId"));
        }

        private static Long orderNumber(String number) {
            if (number == null) {
                return null;
            }
            try {
                return Long.parseLong(number.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("filter.number", "an order number is a whole number");
            }
        }
    }

    @Input("LocationInput")
    public record LocationInput(
            String code,
            String name,
            LocationType type,
            Integer priority,
            Boolean active,
            Double latitude,
            Double longitude,
            List<String> countries,

            @Description("Days the location's supplier takes to deliver more: the expected date of a backorder that"
                    + " no incoming stock covers")
            Integer leadTimeDays) {

        LocationDraft toDraft() {
            return new LocationDraft(code, name, type, priority, active, latitude, longitude, countries, leadTimeDays);
        }
    }

    @Input("InventoryLevelInput")
    @Description("One row of an inventory import: what is on hand of a SKU, and the safety stock to keep")
    public record InventoryLevelInput(String sku, int onHand, Integer safetyStock) {

        io.oms.inventory.domain.LevelCount toCount() {
            return new io.oms.inventory.domain.LevelCount(sku, onHand, safetyStock == null ? 0 : safetyStock);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.oms.order.domain;

import io.oms.kernel.Money;
import io.oms.kernel.Sku;
import io.oms.kernel.Text;
import io.oms.kernel.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accepts or refuses a {@link PlaceOrder} before anything is written. Every refusal names the input field
 * (as a path below {@code input}) so that a storefront can point at it. Returns the command normalised:
 * trimmed strings, upper-case currency and country, the default split policy.
 */
public final class OrderRules {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_TEXT = 200;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final OrderLimits limits;

    public OrderRules(OrderLimits limits) {
        this.limits = limits;
    }

    public PlaceOrder validate(PlaceOrder order) {
        String key = Text.required(order.idempotencyKey(), "input.idempotencyKey", limits.maxIdempotencyKeyLength());
        String email = validateEmail(order.email());
        Currency currency = Money.currency(upper(order.currency()))
                .orElseThrow(() -> new ValidationException(
                        "input.currency", "currency must be an ISO-4217 code such as EUR or USD"));
        Address address = validateAddress(order.shippingAddress());
        List<NewOrderLine> lines = validateLines(order.lines(), currency);
        String customerId =
                order.customerId() == null ? null : order.customerId().strip();
        return new PlaceOrder(
                key, customerId, email, currency.getCurrencyCode(), address, order.splitPolicyOrDefault(), lines);
    }

    /** Checks a cart for a dry-run fulfillment plan: the address and the lines, without prices. */
    public List<CartLine> validateCart(Address address, List<CartLine> lines) {
        validateAddress(address);
        if (lines == null || lines.isEmpty()) {
            throw new ValidationException("input.lines", "a cart needs at least one line");
        }
        if (lines.size() > limits.maxLines()) {
            throw new ValidationException("input.lines", "a cart may have at most " + limits.maxLines() + " lines");
        }
        List<CartLine> valid = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            CartLine line = lines.get(i);
            String prefix = "input.lines[" + i + "].";
            String sku = Sku.validate(line == null ? null : line.sku(), prefix + "sku", limits.maxSkuLength());
            if (line.quantity() < 1 || line.quantity() > limits.maxQuantity()) {
                throw new ValidationException(
                        prefix + "quantity", "quantity must be between 1 and " + limits.maxQuantity());
            }
            valid.add(new CartLine(sku, line.quantity()));
        }
        return List.copyOf(valid);
    }

    /** The address as {@link #validate} normalises it. */
    public Address validAddress(Address address) {
        return validateAddress(address);
    }

    private String validateEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches()) {
            throw new ValidationException("input.email", "email is not a valid address");
        }
        return trimmed;
    }

    private Address validateAddress(Address address) {
        if (address == null) {
            throw new ValidationException("input.shippingAddress", "shippingAddress is required");
        }
        String prefix = "input.shippingAddress.";
        String name = Text.required(address.name(), prefix + "name", MAX_TEXT);
        String line1 = Text.required(address.line1(), prefix + "line1", MAX_TEXT);
        String line2 = Text.optional(address.line2(), prefix + "line2", MAX_TEXT);
        String city = Text.required(address.city(), prefix + "city", MAX_TEXT);
        String region = Text.optional(address.region(), prefix + "region", MAX_TEXT);
        String postalCode = Text.required(address.postalCode(), prefix + "postalCode", 32);
        String country = upper(Text.required(address.country(), prefix + "country", 2));
        if (!COUNTRIES.contains(country)) {
            throw new ValidationException(prefix + "country", "country must be an ISO-3166 alpha-2 code");
        }
        if ((address.latitude() == null) != (address.longitude() == null)) {
            throw new ValidationException(prefix + "latitude", "give both latitude and longitude, or neither");
        }
        if (address.latitude() != null && (address.latitude() < -90 || address.latitude() > 90)) {
            throw new ValidationException(prefix + "latitude", "latitude must be between -90 and 90");
        }
        if (address.longitude() != null && (address.longitude() < -180 || address.longitude() > 180)) {
            throw new ValidationException(prefix + "longitude", "longitude must be between -180 and 180");
        }
        return new Address(
                name, line1, line2, city, region, postalCode, country, address.latitude(), address.longitude());
    }

    private List<NewOrderLine> validateLines(List<NewOrderLine> lines, Currency currency) {
        if (lines == null || lines.isEmpty()) {
            throw new ValidationException("input.lines", "an order needs at least one line");
        }
        if (lines.size() > limits.maxLines()) {
            throw new ValidationException("input.lines", "an order may have at most " + limits.maxLines() + " lines");
        }
        List<NewOrderLine> valid = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            valid.add(validateLine(lines.get(i), "input.lines[" + i + "].", currency));
        }
        return List.copyOf(valid);
    }

    private NewOrderLine validateLine(NewOrderLine line, String prefix, Currency currency) {
        if (line == null) {
            throw new ValidationException(prefix.substring(0, prefix.length() - 1), "a line must not be null");
        }
        String sku = Sku.validate(line.sku(), prefix + "sku", limits.maxSkuLength());
        if (line.quantity() < 1 || line.quantity() > limits.maxQuantity()) {
            throw new ValidationException(
                    prefix + "quantity", "quantity must be between 1 and " + limits.maxQuantity());
        }
        BigDecimal price = line.unitPrice();
        if (price == null) {
            throw new ValidationException(prefix + "unitPrice", "unitPrice is required");
        }
        if (price.signum() < 0) {
            throw new ValidationException(prefix + "unitPrice", "unitPrice must not be negative");
        }
        if (price.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
            throw new ValidationException(
                    prefix + "unitPrice", "unitPrice has more decimals than " + currency.getCurrencyCode() + " allows");
        }
        if (price.precision() - price.scale() > 13) {
            throw new ValidationException(prefix + "unitPrice", "unitPrice is too large");
        }
        return new NewOrderLine(sku, line.quantity(), price);
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}

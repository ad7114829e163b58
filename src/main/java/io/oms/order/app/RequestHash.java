package io.oms.order.app;

import io.oms.order.domain.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A fingerprint of a validated order request, to tell a retry from a different order under the same key. */
final class RequestHash {
    private RequestHash() {}

    static String of(String customerId, PlaceOrder order) {
        StringBuilder canonical = new StringBuilder()
                .append(customerId)
                .append('|')
                .append(order.email())
                .append('|')
                .append(order.currency())
                .append('|')
                .append(order.splitPolicy())
                .append('|')
                .append(order.shippingAddress());
        order.lines()
                .forEach(line -> canonical
                        .append('|')
                        .append(line.sku())
                        .append('x')
                        .append(line.quantity())
                        .append('@')
                        .append(line.unitPrice().stripTrailingZeros().toPlainString()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

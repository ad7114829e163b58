package io.oms.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks delivery, written from the specification
 * (https://www.standardwebhooks.com/, "Signature scheme" and "Verifying signatures") and sharing no code with the
 * sender: the secret is {@code whsec_} + base64 of the key; the signed content is {@code id.timestamp.body}; the
 * {@code webhook-signature} header is a space-delimited list of {@code v1,<base64 HMAC-SHA256>}, any of which may
 * match; the timestamp must be within a tolerance of the receiver's clock.
 */
final class SpecWebhookVerifier {
    static final long TOLERANCE_SECONDS = 5 * 60;

    private SpecWebhookVerifier() {}

    /** Why the delivery is not authentic, or null when it is. */
    static String problem(String secret, String id, String timestamp, String signatures, String body, long nowSeconds) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not an integer: " + timestamp;
        }
        if (Math.abs(nowSeconds - sentAt) > TOLERANCE_SECONDS) {
            return "webhook-timestamp " + sentAt + " is outside the tolerance";
        }
        byte[] expected = hmac(key(secret), id + "." + timestamp + "." + body);
        for (String signature : List.of(signatures.split(" "))) {
            int comma = signature.indexOf(',');
            if (comma < 0 || !signature.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no v1 signature matches the secret";
    }

    private static byte[] key(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

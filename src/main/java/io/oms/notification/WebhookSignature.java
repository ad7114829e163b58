package io.oms.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com/): HMAC-SHA256 of {@code id.timestamp.body}
 * with each secret's key, each as {@code v1,<base64>}, space-separated in the {@code webhook-signature} header. All
 * current secrets sign, so a receiver verifies with either while a secret is being rotated.
 */
public final class WebhookSignature {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    private final List<byte[]> keys;

    private WebhookSignature(List<byte[]> keys) {
        this.keys = keys;
    }

    /**
     * The keys of one or more secrets separated by spaces or commas. Each is {@code whsec_} followed by the base64
     * of 24 to 64 random bytes, as the specification serializes them; anything else is refused at start-up rather
     * than signing with a weak or mistyped key.
     */
    public static WebhookSignature of(String secrets) {
        List<byte[]> keys = new ArrayList<>();
        for (String secret : secrets.trim().split("[\\s,]+")) {
            if (secret.isEmpty()) {
                continue;
            }
            if (!secret.startsWith(PREFIX)) {
                throw new IllegalArgumentException("a webhook secret must start with " + PREFIX
                        + " (generate one with: echo whsec_$(openssl rand -base64 32))");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64", e);
            }
            if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("a webhook secret's key must be " + MIN_KEY_BYTES + " to "
                        + MAX_KEY_BYTES + " bytes, this one has " + key.length);
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret given");
        }
        return new WebhookSignature(List.copyOf(keys));
    }

    /** The {@code webhook-signature} header for this message: one {@code v1,} signature per secret. */
    public String sign(String id, long timestampSeconds, String body) {
        byte[] content = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>();
        for (byte[] key : keys) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(key, content)));
        }
        return String.join(" ", signatures);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

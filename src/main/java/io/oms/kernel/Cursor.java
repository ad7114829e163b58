package io.oms.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset cursor: the sort key of an item (a time, or a text such as a SKU) and its id, which breaks ties.
 * Opaque to clients; a tampered cursor is a VALIDATION error naming the argument, never a server error.
 */
public record Cursor(Object key, UUID id) {
    private static final String TEXT = "s";

    public Cursor {
        if (!(key instanceof Instant) && !(key instanceof String)) {
            throw new IllegalArgumentException("a cursor key is an Instant or a String, not " + key);
        }
    }

    public String encode() {
        String raw = key instanceof Instant time
                ? time.getEpochSecond() + ":" + time.getNano() + ":" + id
                : TEXT + ":" + base64(((String) key).getBytes(StandardCharsets.UTF_8)) + ":" + id;
        return base64(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor given as {@code argument} (after, before), whose key must be of {@code keyType}. */
    public static Cursor decode(String cursor, String argument, Class<?> keyType) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            Object key = TEXT.equals(parts[0])
                    ? new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    : Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (!keyType.isInstance(key)) {
                throw new IllegalArgumentException("a cursor of another list");
            }
            return new Cursor(key, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new ValidationException(argument, argument + " is not a cursor returned by this list");
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

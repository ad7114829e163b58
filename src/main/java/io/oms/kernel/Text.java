package io.oms.kernel;

/** The free-text rule of every input (reasons, notes, carriers, references): trimmed, bounded, named on refusal. */
public final class Text {
    private Text() {}

    /** The trimmed text; VALIDATION naming {@code field} when it is missing, blank or longer than {@code max}. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, name(field) + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new ValidationException(field, name(field) + " may have at most " + max + " characters");
        }
        return trimmed;
    }

    /** As {@link #required}, but a missing or blank value is null. */
    public static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : required(value, field, max);
    }

    /** The last part of a field path: {@code input.shippingAddress.city} is called "city" in messages. */
    private static String name(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }
}

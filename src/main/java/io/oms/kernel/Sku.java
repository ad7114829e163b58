package io.oms.kernel;

import java.util.regex.Pattern;

/** The SKU rule shared by orders and inventory. */
public final class Sku {
    /** The width of every sku column. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._\\-/]*$");

    private Sku() {}

    public static String validate(String sku, String field) {
        return validate(sku, field, MAX_LENGTH);
    }

    public static String validate(String sku, String field, int maxLength) {
        if (sku == null || sku.isBlank()) {
            throw new ValidationException(field, "sku is required");
        }
        String trimmed = sku.strip();
        if (trimmed.length() > maxLength) {
            throw new ValidationException(field, "sku may have at most " + maxLength + " characters");
        }
        if (!SKU.matcher(trimmed).matches()) {
            throw new ValidationException(
                    field, "sku may contain letters, digits and . _ - / and must start with a letter or digit");
        }
        return trimmed;
    }
}

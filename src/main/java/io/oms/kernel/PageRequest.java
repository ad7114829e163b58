package io.oms.kernel;

/**
 * A checked page of a Relay connection: {@code size} items from the start of the range ({@code first}) or from
 * its end ({@code last}, {@code backward}), the range bounded by the opaque cursors {@code after} and
 * {@code before}; {@code withTotal} says whether the total count is wanted (counting a large filter is the
 * costly part of a page).
 */
public record PageRequest(int size, boolean backward, String after, String before, boolean withTotal) {

    /** Checks what the client sent: first and last exclude each other, each is between 0 and {@code maxSize}. */
    public static PageRequest of(PageArgs args, int defaultSize, int maxSize) {
        if (args.first() != null && args.last() != null) {
            throw new ValidationException("last", "first and last cannot be given together: page forward or backward");
        }
        check("first", args.first(), maxSize);
        check("last", args.last(), maxSize);
        boolean backward = args.last() != null;
        int size = backward ? args.last() : args.first() == null ? defaultSize : args.first();
        return new PageRequest(size, backward, blankToNull(args.after()), blankToNull(args.before()), true);
    }

    /** The same page; the total is counted only when {@code wanted}. */
    public PageRequest withTotal(boolean wanted) {
        return new PageRequest(size, backward, after, before, wanted);
    }

    private static void check(String field, Integer value, int maxSize) {
        if (value != null && (value < 0 || value > maxSize)) {
            throw new ValidationException(field, field + " must be between 0 and " + maxSize);
        }
    }

    private static String blankToNull(String cursor) {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }
}

package io.oms.kernel;

/**
 * {@code first} items after the opaque {@code after} cursor, bounded by configuration; {@code withTotal} says
 * whether the total count is wanted (counting a large filter is the costly part of a page).
 */
public record PageRequest(int first, String after, boolean withTotal) {

    public static PageRequest of(Integer first, String after, int defaultSize, int maxSize) {
        int size = first == null ? defaultSize : first;
        if (size < 0 || size > maxSize) {
            throw new ValidationException("first", "first must be between 0 and " + maxSize);
        }
        return new PageRequest(size, after == null || after.isBlank() ? null : after, true);
    }

    /** The same page; the total is counted only when {@code wanted}. */
    public PageRequest withTotal(boolean wanted) {
        return new PageRequest(first, after, wanted);
    }
}

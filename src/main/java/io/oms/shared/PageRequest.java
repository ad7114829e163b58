package io.oms.shared;

/** {@code first} items after the opaque {@code after} cursor, bounded by configuration. */
public record PageRequest(int first, String after) {

    public static PageRequest of(Integer first, String after, OmsConfig.Paging paging) {
        return of(first, after, paging.defaultSize(), paging.maxSize());
    }

    public static PageRequest of(Integer first, String after, int defaultSize, int maxSize) {
        int size = first == null ? defaultSize : first;
        if (size < 0 || size > maxSize) {
            throw new ValidationException("first", "first must be between 0 and " + maxSize);
        }
        return new PageRequest(size, after == null || after.isBlank() ? null : after);
    }
}

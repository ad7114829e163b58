package io.oms.kernel;

import java.util.List;

/**
 * One page of a keyset-paginated list: each item with its opaque cursor, whether there is more on either side,
 * and the total when it was asked for ({@link #TOTAL_NOT_COUNTED} otherwise).
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, long totalCount) {
    public static final long TOTAL_NOT_COUNTED = -1;

    public record Edge<T>(String cursor, T node) {}

    public String startCursor() {
        return edges.isEmpty() ? null : edges.get(0).cursor();
    }

    public String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }
}

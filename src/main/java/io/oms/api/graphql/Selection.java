package io.oms.api.graphql;

import io.smallrye.graphql.api.Context;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** What the client selected on the field being resolved, for work that only some selections need. */
final class Selection {
    private Selection() {}

    /**
     * Whether a connection's {@code totalCount} was asked for: counting a large filter costs far more than the
     * page itself (bench/scale/RESULTS.md), and most pages (the next page, a storefront list) do not show it.
     */
    static boolean totalCount(Context context) {
        return any(context, "totalCount");
    }

    /** Whether any of these scalar fields was selected directly on the field being resolved. */
    static boolean any(Context context, String... names) {
        for (JsonValue field : context.getSelectedFields()) {
            if (field instanceof JsonString name
                    && java.util.Arrays.asList(names).contains(name.getString())) {
                return true;
            }
        }
        return false;
    }
}

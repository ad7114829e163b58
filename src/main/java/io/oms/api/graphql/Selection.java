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
        for (JsonValue field : context.getSelectedFields()) {
            if (field instanceof JsonString name && name.getString().equals("totalCount")) {
                return true;
            }
        }
        return false;
    }
}

package io.oms.api.graphql;

import io.oms.kernel.ValidationException;
import java.util.UUID;

/** IDs are opaque strings to clients and UUIDs inside. */
final class Ids {
    private Ids() {}

    static UUID parse(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(field, field + " is not an id issued by this API");
        }
    }
}

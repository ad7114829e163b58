package io.oms.api.graphql;

import io.oms.kernel.ValidationException;
import java.util.UUID;

/** IDs are opaque strings to clients and UUIDs inside. */
final class Ids {
    /** The description of every mutation's optional idempotencyKey argument. */
    static final String IDEMPOTENCY = "Optional: the same key from the same caller again returns the same result and"
            + " changes nothing; the same key with a different request is CONFLICT";

    private Ids() {}

    static UUID parse(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(field, field + " is not an id issued by this API");
        }
    }
}

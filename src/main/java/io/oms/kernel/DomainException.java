package io.oms.kernel;

import java.util.Map;

/**
 * A business failure the caller can act on. Pure Java so that domain code can throw it; the API layer
 * turns it into a GraphQL error with {@link #code()} and {@link #extensions()}.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    public abstract ErrorCode code();

    /** Extra fields for the client (for example {@code field}, {@code from}, {@code to}). */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}

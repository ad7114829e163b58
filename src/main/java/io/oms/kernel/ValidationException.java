package io.oms.kernel;

import java.util.Map;

/** Bad input: names the offending field as a path such as {@code input.lines[2].quantity}. */
public final class ValidationException extends DomainException {
    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.VALIDATION;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("field", field);
    }
}

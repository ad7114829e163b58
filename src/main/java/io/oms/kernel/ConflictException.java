package io.oms.kernel;

/** A stale version or a duplicate key: the caller should re-read and decide again. */
public final class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.CONFLICT;
    }
}

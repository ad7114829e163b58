package io.oms.kernel;

/** The caller is known but may not do this. */
public final class AccessDeniedException extends DomainException {
    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.FORBIDDEN;
    }
}

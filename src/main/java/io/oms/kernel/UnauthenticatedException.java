package io.oms.kernel;

/** No bearer token on an operation that needs one. */
public final class UnauthenticatedException extends DomainException {
    public UnauthenticatedException() {
        super("This operation needs a bearer token");
    }

    public UnauthenticatedException(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.UNAUTHENTICATED;
    }
}

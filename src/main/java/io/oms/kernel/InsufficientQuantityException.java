package io.oms.kernel;

public final class InsufficientQuantityException extends DomainException {
    public InsufficientQuantityException(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.INSUFFICIENT_QUANTITY;
    }
}

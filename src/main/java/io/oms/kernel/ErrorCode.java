package io.oms.kernel;

/** The error codes of API.md's conventions; every failure a client sees carries exactly one. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    VALIDATION,
    INVALID_TRANSITION,
    CONFLICT,
    INSUFFICIENT_QUANTITY,
    INTERNAL
}

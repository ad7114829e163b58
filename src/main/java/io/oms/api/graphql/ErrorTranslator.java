package io.oms.api.graphql;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import io.oms.infra.sql.Contention;
import io.oms.kernel.DomainException;
import io.oms.kernel.ErrorCode;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The one place where failures become API.md's errors. Business failures keep their message; anything
 * unexpected becomes INTERNAL with a correlation id that is logged with the stack trace, so clients never
 * see a class name, a stack trace or SQL.
 */
final class ErrorTranslator {
    private static final Logger LOG = Logger.getLogger(ErrorTranslator.class);
    private static final Pattern ARGUMENT = Pattern.compile("(?:argument|Variable|field) '([^']+)'");
    private static final String UNIQUE_VIOLATION = "23505";

    private ErrorTranslator() {}

    static GraphQLError translate(GraphQLError error) {
        if (error instanceof ApiError) {
            return error;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return fromException(fetching.getException(), error);
        }
        if (error instanceof AbortExecutionException) {
            // Depth, complexity or token limits: the query itself is refused.
            return new ApiError(
                    ErrorCode.VALIDATION,
                    error.getMessage(),
                    Map.of("field", "query"),
                    error.getLocations(),
                    error.getPath());
        }
        // Parse, validation and variable coercion errors of graphql-java: the request is malformed.
        return new ApiError(
                ErrorCode.VALIDATION,
                safeMessage(error.getMessage()),
                Map.of("field", fieldOf(error.getMessage())),
                error.getLocations(),
                error.getPath());
    }

    /**
     * graphql-java's messages are useful but may quote Java types (SmallRye names an input class it cannot
     * coerce); those are replaced by a plain sentence.
     */
    private static String safeMessage(String message) {
        if (message == null) {
            return "Invalid request";
        }
        if (message.contains("io.oms") || message.contains("Exception") || message.contains("java.")) {
            return "Invalid value for '" + fieldOf(message) + "': check its type and the types of its fields";
        }
        return message;
    }

    private static GraphQLError fromException(Throwable thrown, GraphQLError error) {
        Throwable cause = rootBusinessCause(thrown);
        if (cause instanceof DomainException domain) {
            return new ApiError(
                    domain.code(), domain.getMessage(), domain.extensions(), error.getLocations(), error.getPath());
        }
        if (cause instanceof UnauthorizedException) {
            return new ApiError(
                    ErrorCode.UNAUTHENTICATED,
                    "This operation needs a bearer token",
                    Map.of(),
                    error.getLocations(),
                    error.getPath());
        }
        if (cause instanceof ForbiddenException) {
            return new ApiError(
                    ErrorCode.FORBIDDEN,
                    "Not allowed for this caller",
                    Map.of(),
                    error.getLocations(),
                    error.getPath());
        }
        if (cause instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState()) || Contention.is(pg))) {
            return new ApiError(
                    ErrorCode.CONFLICT,
                    "A concurrent change conflicted with this one; retry",
                    Map.of(),
                    error.getLocations(),
                    error.getPath());
        }
        if (cause instanceof PgException pg && isDataException(pg.getSqlState())) {
            // The database refused a value the validation let through (a NUL character, a number out of
            // range): the input is wrong, not the service.
            return new ApiError(
                    ErrorCode.VALIDATION,
                    "A value in this request contains characters that cannot be" + " stored, or is out of range",
                    Map.of("field", "input"),
                    error.getLocations(),
                    error.getPath());
        }
        String correlationId = UUID.randomUUID().toString();
        if (isDatabaseUnavailable(thrown)) {
            // Nothing was written (the transaction never committed); the client should simply try again.
            LOG.warnf(
                    "Database unavailable [correlationId=%s] at %s: %s",
                    correlationId, error.getPath(), thrown.getMessage());
            return new ApiError(
                    ErrorCode.INTERNAL,
                    "The database is unavailable; nothing was changed, retry in a" + " few seconds (correlation id "
                            + correlationId + ")",
                    Map.of("correlationId", correlationId, "retryable", true),
                    error.getLocations(),
                    error.getPath());
        }
        LOG.errorf(thrown, "Internal error [correlationId=%s] at %s", correlationId, error.getPath());
        return new ApiError(
                ErrorCode.INTERNAL,
                "Internal error; quote correlation id " + correlationId,
                Map.of("correlationId", correlationId),
                error.getLocations(),
                error.getPath());
    }

    /** Mutiny and the SQL client wrap failures; the first recognisable cause decides the code. */
    private static Throwable rootBusinessCause(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof DomainException
                    || current instanceof UnauthorizedException
                    || current instanceof ForbiddenException
                    || current instanceof PgException) {
                return current;
            }
            current = current.getCause();
        }
        return thrown;
    }

    /**
     * The database cannot be reached, or dropped the connection: refused or lost connections, a closed pool,
     * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server is shutting down or starting).
     */
    static boolean isDatabaseUnavailable(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 10; depth++) {
            String state = current instanceof PgException pg ? pg.getSqlState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                return true;
            }
            String message = String.valueOf(current.getMessage());
            if (current instanceof java.net.ConnectException
                    || current instanceof java.nio.channels.ClosedChannelException
                    || message.contains("Connection refused")
                    || message.contains("Connection was closed")
                    || message.contains("Pool closed")
                    || message.contains("Connection reset")) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    /** SQLSTATE class 22: data exceptions (invalid byte sequence, numeric value out of range, ...). */
    private static boolean isDataException(String sqlState) {
        return sqlState != null && sqlState.startsWith("22");
    }

    private static String fieldOf(String message) {
        Matcher matcher = ARGUMENT.matcher(message == null ? "" : message);
        return matcher.find() ? matcher.group(1) : "query";
    }
}

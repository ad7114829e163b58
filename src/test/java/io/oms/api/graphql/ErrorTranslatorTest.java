package io.oms.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import io.oms.kernel.ConflictException;
import io.oms.kernel.InvalidTransitionException;
import io.oms.order.domain.OrderStatus;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

    @Test
    void anUnexpectedFailureIsInternalWithACorrelationIdAndNoInternals() {
        GraphQLError error = ErrorTranslator.translate(
                fetching(new IllegalStateException("relation \"orders\" does not exist at org.postgresql.Foo")));
        assertEquals("INTERNAL", error.getExtensions().get("code"));
        String correlationId = (String) error.getExtensions().get("correlationId");
        assertEquals(36, correlationId.length());
        assertTrue(error.getMessage().contains(correlationId));
        assertFalse(error.getMessage().contains("does not exist"));
        assertFalse(error.getMessage().contains("postgresql"));
        assertFalse(error.getMessage().contains("Exception"));
    }

    @Test
    void aLostDatabaseIsARetryableInternalErrorAndAnythingElseIsNot() {
        GraphQLError refused = ErrorTranslator.translate(fetching(new CompletionException(
                new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432"))));
        assertEquals("INTERNAL", refused.getExtensions().get("code"));
        assertEquals(Boolean.TRUE, refused.getExtensions().get("retryable"));
        assertFalse(refused.getMessage().contains("5432"));
        GraphQLError shutdown = ErrorTranslator.translate(fetching(new io.vertx.pgclient.PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertEquals(Boolean.TRUE, shutdown.getExtensions().get("retryable"));
        GraphQLError bug = ErrorTranslator.translate(fetching(new IllegalStateException("a bug")));
        assertFalse(bug.getExtensions().containsKey("retryable"));
    }

    @Test
    void aValueTheDatabaseRefusesIsAValidationError() {
        GraphQLError error =
                ErrorTranslator.translate(fetching(new CompletionException(new io.vertx.pgclient.PgException(
                        "invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null))));
        assertEquals("VALIDATION", error.getExtensions().get("code"));
        assertFalse(error.getMessage().contains("UTF8"));
    }

    @Test
    void aWrappedBusinessFailureKeepsItsCodeAndDetails() {
        GraphQLError error = ErrorTranslator.translate(fetching(new CompletionException(
                new InvalidTransitionException("An order", OrderStatus.PAID, OrderStatus.DELIVERED))));
        assertEquals("INVALID_TRANSITION", error.getExtensions().get("code"));
        assertEquals("PAID", error.getExtensions().get("from"));
        assertEquals("DELIVERED", error.getExtensions().get("to"));
        assertEquals(java.util.List.of("order"), error.getPath());
    }

    @Test
    void aDeadlockALockTimeOutOrADuplicateKeyIsAConflict() {
        assertEquals(
                "CONFLICT",
                ErrorTranslator.translate(fetching(new RuntimeException(new io.vertx.pgclient.PgException(
                                "canceling statement due to lock timeout", "ERROR", "55P03", null))))
                        .getExtensions()
                        .get("code"));
        assertEquals(
                "CONFLICT",
                ErrorTranslator.translate(fetching(new RuntimeException(
                                new io.vertx.pgclient.PgException("deadlock detected", "ERROR", "40P01", null))))
                        .getExtensions()
                        .get("code"));
        assertEquals(
                "CONFLICT",
                ErrorTranslator.translate(fetching(new RuntimeException(
                                new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505", null))))
                        .getExtensions()
                        .get("code"));
        assertEquals(
                "CONFLICT",
                ErrorTranslator.translate(fetching(new ConflictException("x")))
                        .getExtensions()
                        .get("code"));
    }

    private static GraphQLError fetching(Throwable thrown) {
        return new ExceptionWhileDataFetching(ResultPath.parse("/order"), thrown, new SourceLocation(1, 1));
    }
}

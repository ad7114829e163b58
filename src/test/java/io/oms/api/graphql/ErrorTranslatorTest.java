package io.oms.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import io.oms.order.domain.InvalidTransitionException;
import io.oms.order.domain.OrderStatus;
import io.oms.shared.ConflictException;
import jakarta.persistence.OptimisticLockException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

    @Test
    void anUnexpectedFailureIsInternalWithACorrelationIdAndNoInternals() {
        GraphQLError error = ErrorTranslator.translate(fetching(
                new IllegalStateException("relation \"orders\" does not exist at org.postgresql.Foo")));
        assertEquals("INTERNAL", error.getExtensions().get("code"));
        String correlationId = (String) error.getExtensions().get("correlationId");
        assertEquals(36, correlationId.length());
        assertTrue(error.getMessage().contains(correlationId));
        assertFalse(error.getMessage().contains("does not exist"));
        assertFalse(error.getMessage().contains("postgresql"));
        assertFalse(error.getMessage().contains("Exception"));
    }

    @Test
    void aWrappedBusinessFailureKeepsItsCodeAndDetails() {
        GraphQLError error = ErrorTranslator.translate(fetching(new CompletionException(
                new InvalidTransitionException(OrderStatus.PAID, OrderStatus.DELIVERED))));
        assertEquals("INVALID_TRANSITION", error.getExtensions().get("code"));
        assertEquals("PAID", error.getExtensions().get("from"));
        assertEquals("DELIVERED", error.getExtensions().get("to"));
        assertEquals(java.util.List.of("order"), error.getPath());
    }

    @Test
    void aLostOptimisticLockIsAConflict() {
        assertEquals("CONFLICT", ErrorTranslator.translate(fetching(new RuntimeException(
                new OptimisticLockException("stale")))).getExtensions().get("code"));
        assertEquals("CONFLICT", ErrorTranslator.translate(fetching(new ConflictException("x")))
                .getExtensions().get("code"));
    }

    private static GraphQLError fetching(Throwable thrown) {
        return new ExceptionWhileDataFetching(ResultPath.parse("/order"), thrown, new SourceLocation(1, 1));
    }
}

package io.oms.api.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Rewrites every error of a result, whatever phase produced it, through {@link ErrorTranslator}. */
final class ErrorInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> raw = result.getErrors();
        // When an argument cannot be coerced, graphql-java also reports the resulting null of a non-null field;
        // that second error only repeats the first, so it is left out.
        boolean hasCause = raw.stream().anyMatch(e -> !(e instanceof NonNullableFieldWasNullError));
        List<GraphQLError> errors = raw.stream()
                .filter(e -> !(hasCause && e instanceof NonNullableFieldWasNullError))
                .map(ErrorTranslator::translate)
                .toList();
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }
}

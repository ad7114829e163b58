package io.oms.api.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The depth and complexity limits ({@link MaxQueryDepthInstrumentation}, {@link MaxQueryComplexityInstrumentation},
 * installed by SmallRye from {@code quarkus.smallrye-graphql.instrumentation-query-*}) for every operation but a pure
 * introspection one: an operation whose root fields are all {@code __schema}, {@code __type} or {@code __typename}.
 * graphql-js' standard introspection query (what GraphiQL, Apollo and graphql-codegen send) is 15 deep, over the
 * limit of 12, yet it reads the schema only, never data. Such operations stay bounded by graphql-java's good-faith
 * introspection check (each introspection field at most once or twice, at most 500 fields and 20 levels), which
 * runs whatever this class does. Any operation that also selects one ordinary root field is limited as before.
 */
final class IntrospectionExempt extends SimplePerformantInstrumentation {
    private static final Set<String> INTROSPECTION_ROOTS = Set.of("__schema", "__type", "__typename");

    private final Instrumentation limit;

    private IntrospectionExempt(Instrumentation limit) {
        this.limit = limit;
    }

    /** The limit wrapped, when it is one of the two; anything else as it is. */
    static Instrumentation wrap(Instrumentation instrumentation) {
        return instrumentation instanceof MaxQueryDepthInstrumentation
                        || instrumentation instanceof MaxQueryComplexityInstrumentation
                ? new IntrospectionExempt(instrumentation)
                : instrumentation;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return limit.createStateAsync(parameters);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(
            InstrumentationValidationParameters parameters, InstrumentationState state) {
        return limit.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (introspectionOnly(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName())) {
            return super.beginExecuteOperation(parameters, state);
        }
        return limit.beginExecuteOperation(parameters, state);
    }

    /** Whether every root field, also through fragments, is an introspection field. */
    static boolean introspectionOnly(SelectionSet roots, Map<String, FragmentDefinition> fragments) {
        return introspectionOnly(roots, fragments, new HashSet<>());
    }

    private static boolean introspectionOnly(
            SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (selections == null) {
            return true;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean introspection;
            if (selection instanceof Field field) {
                introspection = INTROSPECTION_ROOTS.contains(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                introspection = introspectionOnly(inline.getSelectionSet(), fragments, seen);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition definition = fragments.get(spread.getName());
                introspection = definition != null
                        && (!seen.add(spread.getName())
                                || introspectionOnly(definition.getSelectionSet(), fragments, seen));
            } else {
                introspection = false;
            }
            if (!introspection) {
                return false;
            }
        }
        return true;
    }
}

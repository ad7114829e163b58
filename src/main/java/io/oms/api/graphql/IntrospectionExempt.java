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
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The depth and complexity limits ({@link MaxQueryDepthInstrumentation}, {@link MaxQueryComplexityInstrumentation},
 * installed by SmallRye from {@code quarkus.smallrye-graphql.instrumentation-query-*}) for every operation but a pure
 * introspection one: an operation whose root fields are all {@code __schema}, {@code __type} or {@code __typename}.
 * graphql-js' standard introspection query (what GraphiQL, Apollo and graphql-codegen send) is 15 deep, over the
 * limit of 12, yet it reads the schema only, never data. Such operations stay bounded by graphql-java's good-faith
 * introspection check (each introspection field at most once or twice, at most 500 fields and 20 levels), which
 * runs whatever this class does. Any operation that also selects one ordinary root field is limited as before.
 * An operation that passed a limit is not measured again for the same parsed document ({@link #passed}).
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

    /**
     * The operations that passed this limit, per parsed document. The limit walks the whole operation on every
     * execution (about 4% of the service's CPU under load, issue #14), and {@link ParsedDocuments} hands the same
     * document instance back for the same text, so an operation that passed once passes again: its depth and
     * complexity are the document's, unless {@code @skip} or {@code @include} make them depend on the variables (such
     * documents are checked every time). Weak keys: a document no longer remembered is forgotten here too.
     */
    private final Map<Document, Set<String>> passed = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (introspectionOnly(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName())) {
            return super.beginExecuteOperation(parameters, state);
        }
        Document document = context.getDocument();
        String operation = String.valueOf(context.getOperationDefinition().getName());
        Set<String> passedBefore = passed.get(document);
        if (passedBefore != null && passedBefore.contains(operation)) {
            return super.beginExecuteOperation(parameters, state);
        }
        // Throws (the operation is refused) when over the limit; nothing is remembered then.
        InstrumentationContext<ExecutionResult> checked = limit.beginExecuteOperation(parameters, state);
        if (!conditional(document)) {
            passed.computeIfAbsent(document, d -> ConcurrentHashMap.newKeySet()).add(operation);
        }
        return checked;
    }

    /** Whether anything in the document carries {@code @skip} or {@code @include}. */
    static boolean conditional(Node<?> node) {
        if (node instanceof Directive directive
                && (directive.getName().equals("skip") || directive.getName().equals("include"))) {
            return true;
        }
        for (Node<?> child : node.getChildren()) {
            if (conditional(child)) {
                return true;
            }
        }
        return false;
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

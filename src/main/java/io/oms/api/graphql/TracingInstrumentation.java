package io.oms.api.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Locale;

/**
 * Names the span of each GraphQL operation after what it does. SmallRye GraphQL opens that span (a child of the HTTP
 * request's span, current while the operation's data fetchers run, so the SQL they cause and the routing job that
 * confirmPayment queues belong to it), but names it {@code GraphQL} for every operation without a name, which is
 * what storefronts send. This names it {@code mutation confirmPayment} (the operation's name when it has one, else
 * its root fields) and records the type, name and root fields as attributes. Documents and variables are not
 * recorded: they hold customers' data.
 */
final class TracingInstrumentation extends SimplePerformantInstrumentation {
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<List<String>> ROOT_FIELDS = AttributeKey.stringArrayKey("oms.graphql.root_fields");

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        Span span = Span.current();
        OperationDefinition definition = parameters.getExecutionContext().getOperationDefinition();
        if (span.isRecording() && definition != null) {
            String type = definition.getOperation().name().toLowerCase(Locale.ROOT);
            String name = definition.getName();
            List<String> fields = definition.getSelectionSet().getSelectionsOfType(Field.class).stream()
                    .map(Field::getName)
                    .toList();
            span.updateName(type + " " + (name != null ? name : String.join(",", fields)));
            span.setAttribute(OPERATION_TYPE, type);
            if (name != null) {
                span.setAttribute(OPERATION_NAME, name);
            }
            span.setAttribute(ROOT_FIELDS, fields);
        }
        return SimpleInstrumentationContext.noOp();
    }
}

package io.oms.api.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import io.smallrye.graphql.execution.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@link TracingInstrumentation} (names the operation's span) and {@link ErrorInstrumentation} after
 * SmallRye's own instrumentations (depth and complexity limits), and
 * replaces SmallRye's document cache with {@link ParsedDocuments}, which is bounded by bytes. SmallRye offers no
 * hook for either, so the builder is built once to read what it holds. Needs
 * {@code quarkus.smallrye-graphql.events.enabled=true}.
 */
@ApplicationScoped
public class GraphQLSetup {
    private final ParsedDocuments documents;

    public GraphQLSetup(ParsedDocuments documents) {
        this.documents = documents;
    }

    public GraphQL.Builder configure(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>();
        if (existing instanceof ChainedInstrumentation chained) {
            for (Instrumentation instrumentation : chained.getInstrumentations()) {
                chain.add(instrumentation instanceof QueryCache cache ? new Forgetful(cache) : instrumentation);
            }
        } else if (existing != null) {
            chain.add(existing);
        }
        chain.add(new TracingInstrumentation());
        chain.add(new ErrorInstrumentation());
        return builder.instrumentation(new ChainedInstrumentation(chain)).preparsedDocumentProvider(documents);
    }

    /**
     * SmallRye's cache is also an instrumentation: it stores a document once its validation succeeded, in a map of
     * 2,048 entries whatever their size, fed by a thread-local that SmallRye's request context sets for every
     * request. It is still asked at validation, so that it takes its thread-local back, but what it would store is
     * dropped: remembering documents is {@link ParsedDocuments}' job.
     */
    private static final class Forgetful implements Instrumentation {
        private final QueryCache cache;

        Forgetful(QueryCache cache) {
            this.cache = cache;
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(
                InstrumentationValidationParameters parameters, InstrumentationState state) {
            cache.beginValidation(parameters, state);
            return SimpleInstrumentationContext.noOp();
        }
    }
}

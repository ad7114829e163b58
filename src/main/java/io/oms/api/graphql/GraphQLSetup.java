package io.oms.api.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.spi.EventingService;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@link TracingInstrumentation} (names the operation's span) and {@link ErrorInstrumentation} after
 * SmallRye's own instrumentations (depth and complexity limits, which {@link IntrospectionExempt} lifts for pure
 * introspection operations only), and
 * replaces SmallRye's document cache with {@link ParsedDocuments}, which is bounded by bytes. SmallRye offers no
 * hook for either, so the builder is built once to read what it holds.
 *
 * <p>Installed as a SmallRye {@link EventingService} (META-INF/services), which SmallRye calls directly, rather
 * than through {@code quarkus.smallrye-graphql.events.enabled}: that setting turns every request and every field
 * fetch into CDI events, which cost about 14% of the service's CPU under load (issue #14), for the one event used
 * here, at start-up.
 */
public class GraphQLSetup implements EventingService {
    /** Always on: SmallRye enables a service whose key is null whatever the configuration. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        ParsedDocuments documents =
                Arc.container().instance(ParsedDocuments.class).get();
        Instrumentation existing = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>();
        if (existing instanceof ChainedInstrumentation chained) {
            for (Instrumentation instrumentation : chained.getInstrumentations()) {
                if (instrumentation instanceof QueryCache cache) {
                    chain.add(new Forgetful(cache));
                    documents.shareWith(cache);
                } else {
                    chain.add(IntrospectionExempt.wrap(instrumentation));
                }
            }
        } else if (existing != null) {
            chain.add(IntrospectionExempt.wrap(existing));
        }
        chain.add(new TracingInstrumentation());
        chain.add(new ErrorInstrumentation());
        return builder.instrumentation(new ChainedInstrumentation(chain)).preparsedDocumentProvider(documents);
    }

    /**
     * SmallRye's cache is also an instrumentation: it stores a document once its validation succeeded, in a map of
     * 2,048 entries whatever their size, fed by a thread-local that SmallRye's request context sets for every
     * request. It is still asked at validation, so that it takes its thread-local back, but what it would store is
     * dropped: remembering documents is {@link ParsedDocuments}' job (which hands SmallRye the short ones).
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

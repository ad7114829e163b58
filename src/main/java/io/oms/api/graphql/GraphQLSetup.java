package io.oms.api.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Adds {@link ErrorInstrumentation} after SmallRye's own instrumentations (depth and complexity limits,
 * query cache). SmallRye offers no hook to append one, so the builder is built once to read what it holds.
 * Needs {@code quarkus.smallrye-graphql.events.enabled=true}.
 */
@ApplicationScoped
public class GraphQLSetup {

    public GraphQL.Builder addErrorTranslation(@Observes GraphQL.Builder builder) {
        var existing = builder.build().getInstrumentation();
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorInstrumentation())));
    }
}

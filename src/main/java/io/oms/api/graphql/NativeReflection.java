package io.oms.api.graphql;

import io.oms.api.graphql.Connections.BackorderSkuConnection;
import io.oms.api.graphql.Connections.BackorderSkuEdge;
import io.oms.order.domain.RoutingState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * GraphQL types that SmallRye's build step does not register for reflection by itself, so the native executable
 * can still read them. {@link RoutingState} appears only inside a batched field's {@code List<RoutingState>}
 * ({@code Order.routingState}), which the build step does not look into; the CI's native configuration check
 * (.ci/run) found it missing. Here rather than on the enum: the domain carries no framework annotations.
 * {@link BackorderSkuConnection}, its edge and {@link BackorderSku} are returned only by a {@code @Source} field
 * ({@code BackorderSummary.bySku}).
 */
@RegisterForReflection(
        targets = {RoutingState.class, BackorderSkuConnection.class, BackorderSkuEdge.class, BackorderSku.class})
final class NativeReflection {
    private NativeReflection() {}
}

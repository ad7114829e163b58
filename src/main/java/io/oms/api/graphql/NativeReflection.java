package io.oms.api.graphql;

import io.oms.order.domain.RoutingState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * GraphQL types that SmallRye's build step does not register for reflection by itself, so the native executable
 * can still read them. {@link RoutingState} appears only inside a batched field's {@code List<RoutingState>}
 * ({@code Order.routingState}), which the build step does not look into; the CI's native configuration check
 * (.ci/run) found it missing. Here rather than on the enum: the domain carries no framework annotations.
 */
@RegisterForReflection(targets = {RoutingState.class})
final class NativeReflection {
    private NativeReflection() {}
}

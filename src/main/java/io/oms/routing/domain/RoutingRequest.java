package io.oms.routing.domain;

import io.oms.order.domain.SplitPolicy;
import java.util.List;

public record RoutingRequest(
        List<OpenLine> lines, Destination destination, SplitPolicy splitPolicy, List<Candidate> candidates) {

    public RoutingRequest {
        lines = List.copyOf(lines);
        candidates = List.copyOf(candidates);
    }
}

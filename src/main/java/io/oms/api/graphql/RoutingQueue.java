package io.oms.api.graphql;

import io.oms.routing.domain.RoutingQueueState;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("RoutingQueue")
@Description("The routing job queue now: what waits for a worker, for how long, and what was given up")
public record RoutingQueue(
        @Description("Jobs waiting to run: due now or retrying later (PENDING)")
        int depth,

        @Description("Of them, those whose time has come: a worker should be on them")
        int due,

        @Description("Of them, those that failed at least once and wait for their next attempt")
        int retrying,

        @Description("When the job due the longest became due; null when none is due")
        OffsetDateTime oldestDueSince,

        @Description("Jobs given up (FAILED): their orders are stuck UNROUTED until routed by hand")
        int failed) {

    static RoutingQueue from(RoutingQueueState state) {
        return new RoutingQueue(state.depth(), state.due(), state.retrying(), state.oldestDueSince(), state.failed());
    }
}

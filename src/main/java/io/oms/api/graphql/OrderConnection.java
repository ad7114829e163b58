package io.oms.api.graphql;

import io.oms.kernel.Page;
import io.oms.order.domain.OrderSnapshot;
import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderConnection")
public record OrderConnection(
        @NonNull List<@NonNull OrderEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {

    @Type("OrderEdge")
    public record OrderEdge(@NonNull String cursor, @NonNull Order node) {}

    static OrderConnection from(Page<OrderSnapshot> page) {
        return new OrderConnection(
                page.edges().stream()
                        .map(e -> new OrderEdge(e.cursor(), Order.from(e.node())))
                        .toList(),
                PageInfo.from(page),
                (int) page.totalCount());
    }
}

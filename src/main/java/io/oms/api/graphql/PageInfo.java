package io.oms.api.graphql;

import io.oms.kernel.Page;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Relay's page info: whether there is more either way, and the cursors of the page's first and last edge. */
@Type("PageInfo")
public record PageInfo(
        boolean hasNextPage,

        @Description("Whether items lie before this page: before its after cursor, or beyond last")
        boolean hasPreviousPage,

        String startCursor,
        String endCursor) {

    static PageInfo from(Page<?> page) {
        return new PageInfo(page.hasNextPage(), page.hasPreviousPage(), page.startCursor(), page.endCursor());
    }
}

package io.oms.api.graphql;

import io.oms.fulfillment.domain.FulfillmentOrderLineSnapshot;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("FulfillmentOrderLine")
public record FulfillmentOrderLine(
        @NonNull String sku, int quantity, @Ignore String orderLineId) {

    static FulfillmentOrderLine from(FulfillmentOrderLineSnapshot line) {
        return new FulfillmentOrderLine(
                line.sku(), line.quantity(), line.orderLineId().toString());
    }
}

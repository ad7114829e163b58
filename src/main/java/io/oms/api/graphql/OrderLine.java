package io.oms.api.graphql;

import io.oms.order.domain.OrderLineSnapshot;
import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderLine")
public record OrderLine(
        @Id @NonNull String id,
        int lineNumber,
        @NonNull String sku,
        int quantity,
        @NonNull BigDecimal unitPrice,
        int quantityAllocated,
        int quantityBackordered,
        int quantityCancelled,
        int quantityShipped) {

    static OrderLine from(OrderLineSnapshot l) {
        return new OrderLine(
                l.id().toString(),
                l.lineNo(),
                l.sku(),
                l.quantity(),
                l.unitPrice(),
                l.quantityAllocated(),
                l.quantityBackordered(),
                l.quantityCancelled(),
                l.quantityShipped());
    }
}

package io.oms.api.graphql;

import io.oms.backorder.domain.SkuBacklog;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("BackorderSku")
@Description("What waits for one SKU")
public record BackorderSku(
        @NonNull String sku,
        @Description("Its open backorders") int openCount,
        @Description("The units they wait for") int unitsWaiting,

        @Description("When its oldest open backorder was created: the first that stock for this SKU fills") @NonNull
        OffsetDateTime oldestCreatedAt,

        @Description("The earliest date any of them expects stock; null when none does, past when they are late")
        OffsetDateTime nextExpectedAt) {

    static BackorderSku from(SkuBacklog b) {
        return new BackorderSku(b.sku(), b.openCount(), b.unitsWaiting(), b.oldestCreatedAt(), b.nextExpectedAt());
    }
}

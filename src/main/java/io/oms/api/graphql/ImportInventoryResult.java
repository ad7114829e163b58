package io.oms.api.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ImportInventoryResult")
public record ImportInventoryResult(
        @NonNull @Id String locationId,
        @Description("Rows in the import") int rows,

        @Description("Levels whose on-hand quantity or safety stock changed")
        int changed) {}

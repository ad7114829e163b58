package io.oms.api.graphql;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("IncomingStock")
public record IncomingStock(int quantity, @NonNull OffsetDateTime expectedAt) {}

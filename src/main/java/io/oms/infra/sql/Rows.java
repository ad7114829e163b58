package io.oms.infra.sql;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column reading shared by the read models: every time leaves the API in UTC. */
public final class Rows {
    private Rows() {}

    public static OffsetDateTime utc(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

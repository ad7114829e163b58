package io.oms.infra.sql;

import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Relay connections over (time, id), newest first unless asked otherwise: one query for the page (one row more than asked, to know
 * whether there is a next page) and one for the total, both on the pool. The sort columns must be backed
 * by an index for each filter combination the caller allows.
 */
public final class KeysetPages {
    private KeysetPages() {}

    /**
     * @param select      {@code select <columns> from <table> <alias>} without a WHERE clause
     * @param from        {@code from <table> <alias>} for the count
     * @param timeColumn  the sort time column, qualified with the alias
     * @param idColumn    the id column, qualified with the alias
     */
    public static <T> Uni<Page<T>> page(
            Pool pool,
            String select,
            String from,
            String timeColumn,
            String idColumn,
            Where where,
            PageRequest request,
            Function<Row, T> mapper,
            Function<T, Cursor> cursorOf) {
        return page(pool, select, from, timeColumn, idColumn, where, request, mapper, cursorOf, false);
    }

    /** As {@link #page}, oldest first: for queues, where what waited longest matters most. */
    public static <T> Uni<Page<T>> pageAscending(
            Pool pool,
            String select,
            String from,
            String timeColumn,
            String idColumn,
            Where where,
            PageRequest request,
            Function<Row, T> mapper,
            Function<T, Cursor> cursorOf) {
        return page(pool, select, from, timeColumn, idColumn, where, request, mapper, cursorOf, true);
    }

    private static <T> Uni<Page<T>> page(
            Pool pool,
            String select,
            String from,
            String timeColumn,
            String idColumn,
            Where where,
            PageRequest request,
            Function<Row, T> mapper,
            Function<T, Cursor> cursorOf,
            boolean ascending) {
        Where paged = where.copy();
        if (request.after() != null) {
            Cursor after = Cursor.decode(request.after());
            paged.and(
                    "(" + timeColumn + ", " + idColumn + ") " + (ascending ? ">" : "<") + " ($%d, $%d)",
                    after.time().atOffset(ZoneOffset.UTC),
                    after.id());
        }
        String direction = ascending ? " asc" : " desc";
        String sql = select + paged.sql() + " order by " + timeColumn + direction + ", " + idColumn + direction
                + " limit " + (request.first() + 1);
        Uni<List<T>> items = pool.preparedQuery(sql)
                .execute(Tuple.from(paged.values()))
                .map(rows -> {
                    List<T> list = new ArrayList<>();
                    rows.forEach(row -> list.add(mapper.apply(row)));
                    return list;
                });
        Uni<Long> count = !request.withTotal()
                ? Uni.createFrom().item(Page.TOTAL_NOT_COUNTED)
                : pool.preparedQuery("select count(*) " + from + where.sql())
                        .execute(Tuple.from(where.values()))
                        .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, count).asTuple().map(pair -> {
            List<T> list = pair.getItem1();
            List<Page.Edge<T>> edges = list.stream()
                    .limit(request.first())
                    .map(item -> new Page.Edge<>(cursorOf.apply(item).encode(), item))
                    .toList();
            return new Page<>(edges, list.size() > request.first(), pair.getItem2());
        });
    }
}

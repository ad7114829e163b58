package io.oms.infra.sql;

import io.oms.kernel.Cursor;
import io.oms.kernel.Page;
import io.oms.kernel.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Relay connections over a keyset (key, id), the one place where paging is done: first/after and last/before,
 * a full page info and the total, for any list ordered by one key column (a time or a text) and its id.
 *
 * <p>A page is one query for the items, in the scan direction (backward for {@code last}), one row more than
 * asked to know whether there is more that way; one probe per cursor given, for whether there is anything on its
 * other side; and one count when the total is wanted. All run on the pool. The key and
 * id columns must be backed by an index for each filter combination the caller allows (PostgreSQL reads a
 * B-tree both ways, so one index serves both directions).
 */
public final class KeysetPages {
    private static final Uni<Boolean> FALSE = Uni.createFrom().item(false);

    private KeysetPages() {}

    /**
     * The order of a list and how to read an item's place in it.
     *
     * @param keyColumn the sort key column, qualified with the alias
     * @param idColumn  the id column, qualified with the alias
     * @param keyType   {@code Instant.class} or {@code String.class}: the type of {@link Cursor#key()}
     * @param ascending whether the list runs from the smallest key to the largest
     * @param cursorOf  an item's place in the list
     */
    public record Keyset<T>(
            String keyColumn, String idColumn, Class<?> keyType, boolean ascending, Function<T, Cursor> cursorOf) {

        /** Newest first by a time column. */
        public static <T> Keyset<T> newestFirst(String timeColumn, String idColumn, Function<T, Cursor> cursorOf) {
            return new Keyset<>(timeColumn, idColumn, Instant.class, false, cursorOf);
        }

        /** Oldest first by a time column: for queues, where what waited longest matters most. */
        public static <T> Keyset<T> oldestFirst(String timeColumn, String idColumn, Function<T, Cursor> cursorOf) {
            return new Keyset<>(timeColumn, idColumn, Instant.class, true, cursorOf);
        }
    }

    /**
     * @param select {@code select <columns> from <table> <alias>} without a WHERE clause
     * @param from   {@code from <table> <alias>} for the count and the look on the other side of a cursor
     */
    public static <T> Uni<Page<T>> page(
            Pool pool,
            String select,
            String from,
            Keyset<T> keyset,
            Where where,
            PageRequest request,
            Function<Row, T> mapper) {
        Cursor after = request.after() == null ? null : Cursor.decode(request.after(), "after", keyset.keyType());
        Cursor before = request.before() == null ? null : Cursor.decode(request.before(), "before", keyset.keyType());
        Where range = where.copy();
        if (after != null) {
            range.and(beyond(keyset, keyset.ascending() ? ">" : "<"), bind(after.key()), after.id());
        }
        if (before != null) {
            range.and(beyond(keyset, keyset.ascending() ? "<" : ">"), bind(before.key()), before.id());
        }
        // last/before reads the range from its end; the page is turned round again below.
        String direction = keyset.ascending() != request.backward() ? " asc" : " desc";
        String sql = select + range.sql() + " order by " + keyset.keyColumn() + direction + ", " + keyset.idColumn()
                + direction + " limit " + (request.size() + 1);
        Uni<List<T>> items = pool.preparedQuery(sql)
                .execute(Tuple.from(range.values()))
                .map(rows -> {
                    List<T> list = new ArrayList<>();
                    rows.forEach(row -> list.add(mapper.apply(row)));
                    return list;
                });
        // Whether anything lies beyond a cursor, outside the range (the cursor's own item counts): the side a page
        // was read towards is known from the extra row, unless the other cursor bounded it.
        Uni<Boolean> beforeAfter =
                after == null ? FALSE : exists(pool, from, where, keyset, after, keyset.ascending() ? "<=" : ">=");
        Uni<Boolean> beyondBefore =
                before == null ? FALSE : exists(pool, from, where, keyset, before, keyset.ascending() ? ">=" : "<=");
        Uni<Long> count = !request.withTotal()
                ? Uni.createFrom().item(Page.TOTAL_NOT_COUNTED)
                : pool.preparedQuery("select count(*) " + from + where.sql())
                        .execute(Tuple.from(where.values()))
                        .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine()
                .all()
                .unis(items, beforeAfter, beyondBefore, count)
                .asTuple()
                .map(all -> {
                    List<T> list = all.getItem1();
                    boolean more = list.size() > request.size();
                    List<T> page = new ArrayList<>(list.subList(0, Math.min(list.size(), request.size())));
                    if (request.backward()) {
                        Collections.reverse(page);
                    }
                    List<Page.Edge<T>> edges = page.stream()
                            .map(item -> new Page.Edge<>(
                                    keyset.cursorOf().apply(item).encode(), item))
                            .toList();
                    boolean hasNext = all.getItem3() || (!request.backward() && more);
                    boolean hasPrevious = all.getItem2() || (request.backward() && more);
                    return new Page<>(edges, hasNext, hasPrevious, all.getItem4());
                });
    }

    /**
     * Whether a row lies at or beyond the cursor ({@code operator} {@code <=} or {@code >=}): the scan starts at the
     * cursor and walks away from it, so the index finds the answer in its first row; a bare EXISTS may be planned
     * as a sequential scan that hopes to meet a match early.
     */
    private static <T> Uni<Boolean> exists(
            Pool pool, String from, Where where, Keyset<T> keyset, Cursor cursor, String operator) {
        Where side = where.copy().and(beyond(keyset, operator), bind(cursor.key()), cursor.id());
        String away = operator.startsWith("<") ? " desc" : " asc";
        return pool.preparedQuery("select 1 " + from + side.sql() + " order by " + keyset.keyColumn() + away + ", "
                        + keyset.idColumn() + away + " limit 1")
                .execute(Tuple.from(side.values()))
                .map(rows -> rows.size() > 0);
    }

    private static String beyond(Keyset<?> keyset, String operator) {
        return "(" + keyset.keyColumn() + ", " + keyset.idColumn() + ") " + operator + " ($%d, $%d)";
    }

    private static Object bind(Object key) {
        return key instanceof Instant time ? time.atOffset(ZoneOffset.UTC) : key;
    }
}

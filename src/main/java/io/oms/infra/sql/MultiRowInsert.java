package io.oms.infra.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code insert ... values (...)} of one row, rewritten to insert many rows with one statement.
 *
 * <p>Why: a batch sent as one prepared statement executed once per row still costs PostgreSQL a bind and an
 * execute per row (and the service a message each). A restock that fills 10,000 backorders writes about 60,000
 * such rows; as multi-row inserts that is a statement per table and batch. PostgreSQL types the parameters of a
 * multi-row {@code VALUES} from the target columns, as for one row, and assigns serial ids in row order, so the
 * rows and their order are the same.
 */
final class MultiRowInsert {
    private static final Pattern VALUES = Pattern.compile("(?i)\\bvalues\\s*\\(");
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final String head;
    private final String row;
    private final String tail;
    private final int parameters;

    private MultiRowInsert(String head, String row, String tail, int parameters) {
        this.head = head;
        this.row = row;
        this.tail = tail;
        this.parameters = parameters;
    }

    /** The rewrite of {@code sql}, or null when it is not an insert of one parenthesised row of parameters. */
    static MultiRowInsert of(String sql) {
        String trimmed = sql.strip();
        if (!trimmed.regionMatches(true, 0, "insert", 0, 6)) {
            return null;
        }
        Matcher values = VALUES.matcher(trimmed);
        if (!values.find()) {
            return null;
        }
        int open = values.end() - 1;
        int close = closing(trimmed, open);
        if (close < 0) {
            return null;
        }
        String head = trimmed.substring(0, open);
        String row = trimmed.substring(open, close + 1);
        String tail = trimmed.substring(close + 1);
        if (PARAMETER.matcher(head).find()
                || PARAMETER.matcher(tail).find()
                || VALUES.matcher(tail).find()) {
            return null;
        }
        int max = 0;
        Matcher parameter = PARAMETER.matcher(row);
        while (parameter.find()) {
            max = Math.max(max, Integer.parseInt(parameter.group(1)));
        }
        return max == 0 ? null : new MultiRowInsert(head, row, tail, max);
    }

    /** Parameters per row. */
    int parameters() {
        return parameters;
    }

    /** The statement for {@code rows} rows: row k takes parameters k * parameters() + 1 and on. */
    String sql(int rows) {
        StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 8) + tail.length());
        sql.append(head);
        for (int k = 0; k < rows; k++) {
            if (k > 0) {
                sql.append(", ");
            }
            int offset = k * parameters;
            Matcher parameter = PARAMETER.matcher(row);
            StringBuilder shifted = new StringBuilder();
            while (parameter.find()) {
                parameter.appendReplacement(shifted, "\\$" + (offset + Integer.parseInt(parameter.group(1))));
            }
            parameter.appendTail(shifted);
            sql.append(shifted);
        }
        return sql.append(tail).toString();
    }

    /** The parenthesis that closes the one at {@code open}, skipping quoted text; -1 when there is none. */
    private static int closing(String sql, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

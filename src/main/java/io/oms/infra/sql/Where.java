package io.oms.infra.sql;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause with numbered parameters: conditions are fixed text, values are always bound. */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds a condition whose {@code %d} placeholders become the positions of {@code args}. */
    public Where and(String condition, Object... args) {
        Object[] positions = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values.add(args[i]);
            positions[i] = values.size();
        }
        conditions.add(String.format(condition, positions));
        return this;
    }

    public Where copy() {
        Where copy = new Where();
        copy.conditions.addAll(conditions);
        copy.values.addAll(values);
        return copy;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public List<Object> values() {
        return values;
    }
}

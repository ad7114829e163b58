package io.oms.infra.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which statements are planned at each execution: those bound to a list of values, however it is written. */
class PlannedEachTimeTest {
    @Test
    void aStatementOverAListOfValuesIsPlannedEachTime() {
        assertTrue(PlannedEachTime.appliesTo("select id from orders where id = any($1) for update"));
        assertTrue(PlannedEachTime.appliesTo("select id from orders where id = ANY ( $12 )"));
        assertTrue(PlannedEachTime.appliesTo(
                "update order_lines l set quantity_allocated = v.a from unnest($1::uuid[], $2::int[]) as v(id, a)"));
    }

    @Test
    void aStatementOverOneKeyOrAColumnsArrayKeepsItsPlan() {
        assertFalse(PlannedEachTime.appliesTo("select id from orders where id = $1 for update"));
        assertFalse(PlannedEachTime.appliesTo("select id from locations l where $1 = any(l.countries)"));
        assertFalse(PlannedEachTime.appliesTo("select company($1)"));
    }
}

package io.oms.infra.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MultiRowInsertTest {
    @Test
    void anInsertOfOneRowBecomesOneOfManyWithItsParametersShiftedPerRow() {
        MultiRowInsert insert = MultiRowInsert.of("""
                insert into fulfillment_orders (id, order_id, status, created_at, updated_at)
                values ($1, $2::uuid, 'OPEN', $3, $3)""");
        assertEquals(3, insert.parameters());
        assertEquals(
                "insert into fulfillment_orders (id, order_id, status, created_at, updated_at)\n"
                        + "values ($1, $2::uuid, 'OPEN', $3, $3), ($4, $5::uuid, 'OPEN', $6, $6)",
                insert.sql(2));
    }

    @Test
    void whatFollowsTheRowIsKeptAndQuotedParenthesesDoNotEndIt() {
        MultiRowInsert insert =
                MultiRowInsert.of("insert into t (a, b) values ($1, coalesce($2, ')')) on conflict do nothing");
        assertEquals(
                "insert into t (a, b) values ($1, coalesce($2, ')')), ($3, coalesce($4, ')')) on conflict do nothing",
                insert.sql(2));
    }

    @Test
    void otherStatementsAreLeftAsTheyAre() {
        assertNull(MultiRowInsert.of("update backorders set quantity = $2 where id = $1"));
        assertNull(MultiRowInsert.of("delete from t where a = $1"));
        assertNull(MultiRowInsert.of("insert into t (a) select $1 where not exists (select 1 from t)"));
        assertNull(MultiRowInsert.of("insert into t (a, b) values ($1, 0) on conflict (a) do update set b = $2"));
        assertNull(MultiRowInsert.of("insert into t (a) values (now())"));
    }
}

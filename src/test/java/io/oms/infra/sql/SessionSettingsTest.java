package io.oms.infra.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings every connection of the service starts with, whatever the server's configuration says. */
@QuarkusTest
class SessionSettingsTest {
    @Inject
    Pool pool;

    @Inject
    Lanes lanes;

    @Test
    void queriesAreNeverJitCompiled() {
        for (String jit : onThreeConnections("show jit")) {
            assertEquals("off", jit, "a connection of the pool compiles queries with JIT");
        }
    }

    @Test
    void postgresqlChoosesBetweenCustomAndGenericPlans() {
        // Whatever the server's configuration: the statements whose generic plans go wrong are planned each time
        // (PlannedEachTime), and the others save their planning.
        for (String mode : onThreeConnections("show plan_cache_mode")) {
            assertEquals("auto", mode, "a connection of the pool plans otherwise");
        }
    }

    /**
     * A lane's connections (the routing worker's, see {@link Lane}) are built from the same settings, not from a
     * configuration of their own that could drift from the pool's.
     */
    @Test
    void aLanesConnectionsStartWithTheSameSettings() {
        Lane lane = lanes.open("settings-test", 3);
        // Three transactions at once, each holding its connection for a moment: three sessions.
        List<Uni<String>> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(lane.transactions()
                    .run(tx -> tx.one(
                            "select pg_backend_pid() || ' ' || current_setting('jit') || ' '"
                                    + " || current_setting('plan_cache_mode') from pg_sleep(0.2)",
                            row -> row.getString(0))));
        }
        List<String> answers = Uni.join().all(sessions).andFailFast().await().indefinitely();
        assertEquals(3, answers.stream().map(a -> a.split(" ")[0]).distinct().count(), answers.toString());
        for (String answer : answers) {
            assertEquals("off auto", answer.substring(answer.indexOf(' ') + 1), answer);
        }
    }

    /**
     * A statement planned each time (PlannedEachTime) is prepared anew at each execution: none of them may stay
     * prepared in the session, where a connection living for days would pile them up in PostgreSQL's memory.
     */
    @Test
    void statementsPlannedEachTimeLeaveNothingPreparedBehind() {
        Transactions session = lanes.open("unprepared-test", 1).transactions();
        String list = "select $1::int = any($2::int[])";
        String key = "select $1::int = $2::int";
        for (int i = 0; i < 20; i++) {
            int value = i;
            session.run(tx -> tx.one(list, row -> row.getBoolean(0), value, new Integer[] {1, 2, 3}))
                    .await()
                    .indefinitely();
            session.run(tx -> tx.one(key, row -> row.getBoolean(0), value, 3))
                    .await()
                    .indefinitely();
        }
        List<String> prepared = session.run(tx -> tx.list(
                        "select statement from pg_prepared_statements where statement in ($1, $2)",
                        row -> row.getString(0),
                        list,
                        key))
                .await()
                .indefinitely();
        assertEquals(List.of(key), prepared, "the statements the session keeps prepared");
    }

    /** The answer of each of three connections held at once: three sessions, not one connection asked thrice. */
    private List<String> onThreeConnections(String show) {
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(pool.getConnection().await().indefinitely());
            }
            List<String> answers = new ArrayList<>();
            for (SqlConnection connection : held) {
                answers.add(connection
                        .query(show)
                        .execute()
                        .map(rows -> rows.iterator().next().getString(0))
                        .await()
                        .indefinitely());
            }
            return answers;
        } finally {
            held.forEach(c -> c.close().await().indefinitely());
        }
    }
}

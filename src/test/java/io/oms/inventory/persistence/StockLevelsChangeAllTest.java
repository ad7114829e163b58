package io.oms.inventory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.infra.sql.Transactions;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.Movement;
import io.oms.support.Db;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several levels changed by one statement ({@link StockLevels#changeAll}): each change is made or refused by its own
 * level's rule, with a ledger row for each one made and none for the others.
 */
@QuarkusTest
class StockLevelsChangeAllTest {
    @Inject
    Transactions transactions;

    @Inject
    StockLevels levels;

    @Test
    void eachLevelIsChangedByItsOwnRuleAndLedgered() {
        UUID east = UUID.fromString(Stock.location(Stock.uniqueCode("ALL-E"), "WAREHOUSE", 1, null, null));
        UUID west = UUID.fromString(Stock.location(Stock.uniqueCode("ALL-W"), "WAREHOUSE", 1, null, null));
        String plenty = Stock.sku();
        String scarce = Stock.sku();
        String shipped = Stock.sku();
        Stock.put(east.toString(), plenty, 5);
        Stock.put(west.toString(), scarce, 1);
        Stock.put(west.toString(), shipped, 4);
        Db.update("update inventory_levels set reserved = 3 where location_id = ? and sku = ?", west, shipped);
        List<LevelChange> changes = List.of(
                LevelChange.reserve(east, plenty, 4),
                LevelChange.reserve(west, scarce, 2),
                LevelChange.consume(west, shipped, 3),
                LevelChange.release(east, "NEVER-STOCKED-" + plenty, 1));

        List<LevelChange> refused = transactions
                .run(tx -> levels.changeAll(tx, changes, new Movement("test", "tester", null, OffsetDateTime.now())))
                .await()
                .indefinitely();

        assertEquals(List.of(changes.get(1), changes.get(3)), refused, "one unit is not two; no level, no release");
        assertEquals("5/4", level(east, plenty));
        assertEquals("1/0", level(west, scarce));
        assertEquals("1/0", level(west, shipped));
        assertEquals(
                List.of(List.of(plenty, 0, 4, 5, 4), List.of(shipped, -3, -3, 1, 0)),
                Db.query(
                        "select sku, on_hand_delta, reserved_delta, on_hand_after, reserved_after"
                                + " from inventory_movements where sku in (?, ?, ?) and reason = 'test' order by on_hand_delta desc",
                        plenty,
                        scarce,
                        shipped),
                "a ledger row for each change made");
    }

    /**
     * The levels are locked in the order of the list, the one lock order of every writer: while the statement waits
     * for the second level, it holds the first (two writers taking them in other orders could deadlock).
     */
    @Test
    void theLevelsAreLockedInTheOrderGiven() throws Exception {
        UUID location = UUID.fromString(Stock.location(Stock.uniqueCode("ORDER"), "WAREHOUSE", 1, null, null));
        String first = Stock.sku();
        String second = Stock.sku();
        Stock.put(location.toString(), first, 5);
        Stock.put(location.toString(), second, 5);
        try (Connection holder = Db.connect();
                Connection prober = Db.connect()) {
            holder.setAutoCommit(false);
            lock(holder, location, second, "");
            CompletableFuture<List<LevelChange>> changing = transactions
                    .run(tx -> levels.changeAll(
                            tx,
                            List.of(LevelChange.reserve(location, first, 1), LevelChange.reserve(location, second, 1)),
                            new Movement("test", "tester", null, OffsetDateTime.now())))
                    .subscribeAsCompletionStage();
            Db.awaitLockWait("reserved = reserved +");

            prober.setAutoCommit(false);
            SQLException firstHeld = assertThrows(SQLException.class, () -> lock(prober, location, first, " nowait"));
            assertEquals("55P03", firstHeld.getSQLState(), "the first level is held while the second is awaited");
            prober.rollback();
            holder.rollback();
            assertEquals(List.of(), changing.get(10, TimeUnit.SECONDS));
        }
    }

    private static void lock(Connection connection, UUID location, String sku, String how) throws SQLException {
        try (var lock = connection.prepareStatement(
                "select * from inventory_levels where location_id = ? and sku = ? for update" + how)) {
            lock.setObject(1, location);
            lock.setString(2, sku);
            lock.executeQuery();
        }
    }

    private static String level(UUID location, String sku) {
        return (String) Db.query(
                        "select on_hand || '/' || reserved from inventory_levels where location_id = ? and sku = ?",
                        location,
                        sku)
                .get(0)
                .get(0);
    }
}

package io.oms.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelChange;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Times;
import io.oms.support.Db;
import io.oms.support.RolledBack;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inventory's front door, below the API, in transactions that are rolled back. */
@QuarkusTest
class StockPortTest {
    @Inject
    Stock stock;

    @Inject
    Pool pool;

    private static Movement why() {
        return new Movement("port test", "test", null, Times.now(Clock.systemUTC()));
    }

    @Test
    void aReservationBeyondWhatIsAvailableIsRefusedAndChangesNothing() {
        String sku = io.oms.support.Stock.sku();
        UUID location = UUID.fromString(
                io.oms.support.Stock.location(io.oms.support.Stock.uniqueCode("PORT"), "WAREHOUSE", 1, null, null));
        io.oms.support.Stock.put(location.toString(), sku, 3);
        List<LevelChange> refused = RolledBack.run(
                pool,
                tx -> stock.apply(
                                tx,
                                List.of(LevelChange.reserve(location, sku, 2), LevelChange.reserve(location, sku, 2)),
                                why())
                        .call(r -> tx.one(
                                        "select reserved from inventory_levels where location_id = $1 and sku = $2",
                                        row -> row.getInteger(0),
                                        location,
                                        sku)
                                .invoke(reserved -> assertEquals(2, reserved))));
        assertEquals(List.of(LevelChange.reserve(location, sku, 2)), refused, "the second reservation lost");
        assertEquals(0L, io.oms.support.Stock.reserved(sku), "rolled back");
    }

    @Test
    void releasingStockThatIsNotReservedBreaksTheBooksAndFailsTheTransaction() {
        String sku = io.oms.support.Stock.sku();
        UUID location = UUID.fromString(
                io.oms.support.Stock.location(io.oms.support.Stock.uniqueCode("PORT"), "WAREHOUSE", 1, null, null));
        io.oms.support.Stock.put(location.toString(), sku, 3);
        assertThrows(
                IllegalStateException.class,
                () -> RolledBack.run(
                        pool, tx -> stock.applyHeld(tx, List.of(LevelChange.release(location, sku, 1)), why())));
    }

    @Test
    void availableStockListsOnlyActiveLocationsThatShipToTheCountryAndHaveSome() {
        String sku = io.oms.support.Stock.sku();
        UUID stocked = UUID.fromString(
                io.oms.support.Stock.location(io.oms.support.Stock.uniqueCode("PORT"), "WAREHOUSE", 1, null, null));
        UUID empty = UUID.fromString(
                io.oms.support.Stock.location(io.oms.support.Stock.uniqueCode("PORT"), "STORE", 1, null, null));
        io.oms.support.Stock.put(stocked.toString(), sku, 4);
        io.oms.support.Stock.put(empty.toString(), sku, 1);
        var available = RolledBack.run(
                pool,
                tx -> stock.apply(tx, List.of(LevelChange.reserve(empty, sku, 1)), why())
                        .chain(() -> stock.available(tx, "US", List.of(sku), false))
                        .call(list ->
                                stock.available(tx, "FR", List.of(sku), false).invoke(fr -> assertTrue(fr.isEmpty()))));
        assertEquals(1, available.size());
        assertEquals(stocked, available.get(0).locationId());
        assertEquals(4, available.get(0).available().get(sku));
        assertEquals(
                0L,
                Db.count("select count(*) from inventory_movements where sku = ? and reason = 'port test'", sku),
                "nothing of the rolled-back work is left");
    }
}

package io.oms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    @Test
    void theDatabaseRefusesToChangeOrDeleteHistory() {
        UUID id = UUID.fromString(Orders.placed(Orders.newCustomer()));
        SQLException update = assertThrows(
                SQLException.class,
                () -> Db.execute("update order_events set note = 'rewritten' where order_id = ?", id));
        assertEquals("42501", update.getSQLState());
        SQLException delete =
                assertThrows(SQLException.class, () -> Db.execute("delete from order_events where order_id = ?", id));
        assertEquals("42501", delete.getSQLState());
        SQLException truncate = assertThrows(SQLException.class, () -> Db.execute("truncate order_events cascade"));
        assertEquals("42501", truncate.getSQLState());
        assertEquals(1L, Db.count("select count(*) from order_events where order_id = ?", id));
    }
}

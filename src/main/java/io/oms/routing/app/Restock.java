package io.oms.routing.app;

import io.oms.backorder.app.Backorders;
import io.oms.infra.sql.Transactions;
import io.oms.inventory.app.InventoryService;
import io.oms.kernel.Caller;
import io.oms.kernel.Role;
import io.oms.kernel.Times;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Stock comes in: a receipt, a count that found more (or less), stock announced on its way. Each changes the
 * level in one transaction with the expected dates of the backorders waiting for that SKU; more stock is then
 * offered to the oldest backorders first, each order filled in a transaction of its own.
 */
@ApplicationScoped
public class Restock {
    private final Transactions transactions;
    private final InventoryService inventory;
    private final Backorders backorders;
    private final BackorderFiller filler;
    private final Clock clock;

    public Restock(
            Transactions transactions,
            InventoryService inventory,
            Backorders backorders,
            BackorderFiller filler,
            Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.backorders = backorders;
        this.filler = filler;
        this.clock = clock;
    }

    /** Stock arrived; returns the backorders it filled, oldest first. */
    public Uni<List<UUID>> receive(Caller caller, UUID locationId, String rawSku, int quantity) {
        String sku = inventory.checkQuantity(caller, rawSku, quantity);
        OffsetDateTime now = Times.now(clock);
        return transactions
                .run(tx -> inventory
                        .receive(tx, caller, locationId, sku, quantity, now)
                        .chain(() -> backorders.redate(tx, List.of(sku), now)))
                .chain(() -> filler.fill(locationId, sku))
                // The backorders still open move up the queue for incoming stock.
                .call(filled -> filled.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : transactions.run(tx -> backorders.redate(tx, List.of(sku), Times.now(clock))));
    }

    /** A count or correction of on-hand stock; more stock is first offered to the oldest backorders. */
    public Uni<Void> adjust(Caller caller, UUID locationId, String rawSku, int delta, String reason) {
        var adjustment = inventory.checkAdjustment(caller, locationId, rawSku, delta, reason);
        OffsetDateTime now = Times.now(clock);
        return transactions
                .run(tx -> inventory.adjust(tx, caller, adjustment, now))
                .chain(() -> delta > 0
                        ? filler.fill(locationId, adjustment.sku()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Records stock on its way; open backorders of the SKU take their expected dates from it. */
    public Uni<Void> addIncoming(
            Caller caller, UUID locationId, String rawSku, int quantity, OffsetDateTime expectedAt) {
        caller.require(Role.WAREHOUSE, Role.ADMIN);
        String sku = inventory.checkQuantity(caller, rawSku, quantity);
        OffsetDateTime now = Times.now(clock);
        return transactions
                .run(tx -> inventory
                        .addIncoming(tx, caller, locationId, sku, quantity, expectedAt, now)
                        .chain(() -> backorders.redate(tx, List.of(sku), now)))
                .replaceWithVoid();
    }
}

package io.oms.fulfillment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.fulfillment.domain.GiveBack.Shrink;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GiveBackTest {
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID LINE_A = UUID.randomUUID();
    private static final UUID LINE_B = UUID.randomUUID();
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static Shipment shipment(FulfillmentOrderStatus status, int minutes, Shipment.Line... lines) {
        return new Shipment(
                UUID.randomUUID(),
                ORDER,
                UUID.randomUUID(),
                "LOC",
                1,
                status,
                null,
                null,
                T0.plusMinutes(minutes),
                List.of(lines));
    }

    @Test
    void openShipmentsGiveBackBeforePickingOnesAndTheNewestFirst() {
        Shipment picking = shipment(FulfillmentOrderStatus.PICKING, 30, new Shipment.Line(LINE_A, "A", 5));
        Shipment oldOpen = shipment(FulfillmentOrderStatus.OPEN, 0, new Shipment.Line(LINE_A, "A", 2));
        Shipment newOpen = shipment(FulfillmentOrderStatus.OPEN, 10, new Shipment.Line(LINE_A, "A", 1));
        GiveBack.Plan plan = GiveBack.plan(List.of(picking, oldOpen, newOpen), Map.of(LINE_A, 4));
        assertEquals(
                List.of(
                        new Shrink(newOpen.id(), ORDER, newOpen.locationId(), LINE_A, "A", 1, 0),
                        new Shrink(oldOpen.id(), ORDER, oldOpen.locationId(), LINE_A, "A", 2, 0),
                        new Shrink(picking.id(), ORDER, picking.locationId(), LINE_A, "A", 1, 4)),
                plan.shrinks());
        assertEquals(List.of(newOpen.id(), oldOpen.id()), plan.emptied());
    }

    @Test
    void aShipmentIsCancelledOnlyWhenEveryLineOfItIsGivenBack() {
        Shipment both = shipment(
                FulfillmentOrderStatus.OPEN, 0, new Shipment.Line(LINE_A, "A", 2), new Shipment.Line(LINE_B, "B", 1));
        Map<UUID, Integer> byLine = new LinkedHashMap<>();
        byLine.put(LINE_A, 2);
        assertEquals(List.of(), GiveBack.plan(List.of(both), byLine).emptied());
        byLine.put(LINE_B, 1);
        assertEquals(List.of(both.id()), GiveBack.plan(List.of(both), byLine).emptied());
    }

    @Test
    void takingBackMoreThanTheShipmentsHoldIsABug() {
        Shipment one = shipment(FulfillmentOrderStatus.OPEN, 0, new Shipment.Line(LINE_A, "A", 1));
        assertThrows(IllegalStateException.class, () -> GiveBack.plan(List.of(one), Map.of(LINE_A, 2)));
    }
}

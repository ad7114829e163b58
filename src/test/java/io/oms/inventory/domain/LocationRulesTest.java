package io.oms.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.kernel.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationRulesTest {

    @Test
    void aNewLocationIsNormalised() {
        LocationDraft draft = LocationRules.validate(
                new LocationDraft(
                        " wh-1 ", "Main", LocationType.WAREHOUSE, 5, null, 1.0, 2.0, List.of("us", "CA", "US")),
                true);
        assertEquals("WH-1", draft.code());
        assertEquals(List.of("CA", "US"), draft.countries());
    }

    @Test
    void aNewLocationNeedsNameTypeAndCountries() {
        assertEquals(
                "input.name",
                field(new LocationDraft("A", null, LocationType.STORE, null, null, null, null, List.of("US")), true));
        assertEquals(
                "input.type", field(new LocationDraft("A", "n", null, null, null, null, null, List.of("US")), true));
        assertEquals(
                "input.countries",
                field(new LocationDraft("A", "n", LocationType.STORE, null, null, null, null, List.of()), true));
    }

    @Test
    void badFieldsAreRefused() {
        assertEquals(
                "input.code",
                field(
                        new LocationDraft("bad code", "n", LocationType.STORE, null, null, null, null, List.of("US")),
                        false));
        assertEquals(
                "input.countries[1]",
                field(new LocationDraft("A", null, null, null, null, null, null, List.of("US", "ZZ")), false));
        assertEquals("input.latitude", field(new LocationDraft("A", null, null, null, null, 1.0, null, null), false));
        assertEquals("input.priority", field(new LocationDraft("A", null, null, -1, null, null, null, null), false));
    }

    private static String field(LocationDraft draft, boolean creating) {
        return assertThrows(ValidationException.class, () -> LocationRules.validate(draft, creating))
                .field();
    }
}

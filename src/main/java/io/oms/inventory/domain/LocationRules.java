package io.oms.inventory.domain;

import io.oms.kernel.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks a location upsert; the code is the business key, so it is strict. */
public final class LocationRules {
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9_\\-]{0,63}$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private LocationRules() {}

    public static LocationDraft validate(LocationDraft draft, boolean creating) {
        String code = draft.code() == null ? null : draft.code().strip().toUpperCase(Locale.ROOT);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new ValidationException(
                    "input.code", "code must be 1-64 characters of A-Z, 0-9, _ and -, starting with a letter or digit");
        }
        String name = draft.name() == null ? null : draft.name().strip();
        if (creating && (name == null || name.isEmpty())) {
            throw new ValidationException("input.name", "name is required for a new location");
        }
        if (name != null && (name.isEmpty() || name.length() > 200)) {
            throw new ValidationException("input.name", "name must be 1-200 characters");
        }
        if (creating && draft.type() == null) {
            throw new ValidationException("input.type", "type is required for a new location");
        }
        if (draft.priority() != null && (draft.priority() < 0 || draft.priority() > 1_000_000)) {
            throw new ValidationException("input.priority", "priority must be between 0 and 1000000");
        }
        if ((draft.latitude() == null) != (draft.longitude() == null)) {
            throw new ValidationException("input.latitude", "give both latitude and longitude, or neither");
        }
        if (draft.latitude() != null && (draft.latitude() < -90 || draft.latitude() > 90)) {
            throw new ValidationException("input.latitude", "latitude must be between -90 and 90");
        }
        if (draft.longitude() != null && (draft.longitude() < -180 || draft.longitude() > 180)) {
            throw new ValidationException("input.longitude", "longitude must be between -180 and 180");
        }
        List<String> countries = draft.countries() == null ? null : normalizeCountries(draft.countries());
        if (draft.leadTimeDays() != null && (draft.leadTimeDays() < 0 || draft.leadTimeDays() > 3650)) {
            throw new ValidationException("input.leadTimeDays", "leadTimeDays must be between 0 and 3650");
        }
        if (creating && (countries == null || countries.isEmpty())) {
            throw new ValidationException("input.countries", "a new location must ship to at least one country");
        }
        return new LocationDraft(
                code,
                name,
                draft.type(),
                draft.priority(),
                draft.active(),
                draft.latitude(),
                draft.longitude(),
                countries,
                draft.leadTimeDays());
    }

    /**
     * The location after an upsert: {@code existing} (null when creating, then {@code newId} is its id) with the
     * fields the validated draft gives; a new location is active unless the draft says otherwise.
     */
    public static LocationSnapshot merge(LocationSnapshot existing, LocationDraft draft, java.util.UUID newId) {
        LocationSnapshot base = existing != null
                ? existing
                : new LocationSnapshot(newId, draft.code(), null, null, 0, true, null, null, List.of(), null);
        return new LocationSnapshot(
                base.id(),
                base.code(),
                draft.name() != null ? draft.name() : base.name(),
                draft.type() != null ? draft.type() : base.type(),
                draft.priority() != null ? draft.priority() : base.priority(),
                draft.active() != null ? draft.active() : base.active(),
                draft.latitude() != null ? draft.latitude() : base.latitude(),
                draft.latitude() != null ? draft.longitude() : base.longitude(),
                draft.countries() != null ? draft.countries() : base.countries(),
                draft.leadTimeDays() != null ? draft.leadTimeDays() : base.leadTimeDays());
    }

    private static List<String> normalizeCountries(List<String> countries) {
        TreeSet<String> normalized = new TreeSet<>();
        for (int i = 0; i < countries.size(); i++) {
            String country =
                    countries.get(i) == null ? "" : countries.get(i).strip().toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(country)) {
                throw new ValidationException("input.countries[" + i + "]", "not an ISO-3166 alpha-2 country code");
            }
            normalized.add(country);
        }
        return List.copyOf(normalized);
    }
}

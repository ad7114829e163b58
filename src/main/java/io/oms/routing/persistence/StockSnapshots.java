package io.oms.routing.persistence;

import io.oms.inventory.domain.LocationType;
import io.oms.routing.domain.Candidate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads, in one query, every active location that ships to a country with available stock of any of the
 * given SKUs: the routing engine's input. Used inside the routing transaction (Hibernate session) and,
 * for dry runs, on the pool.
 */
@ApplicationScoped
public class StockSnapshots {
    private static final String SQL = """
            select l.id, l.code, l.type, l.priority, l.latitude, l.longitude, i.sku,
                   i.on_hand - i.reserved - i.safety_stock as available
            from inventory_levels i join locations l on l.id = i.location_id
            where l.active and %s = any(l.countries) and i.sku = any(%s)
              and i.on_hand - i.reserved - i.safety_stock > 0
            order by l.code, i.sku""";

    private final Pool pool;

    public StockSnapshots(Pool pool) {
        this.pool = pool;
    }

    /** Inside the current transaction. */
    public Uni<List<Candidate>> inTransaction(String country, List<String> skus) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(SQL.formatted(":country", ":skus"), Object[].class)
                .setParameter("country", country)
                .setParameter("skus", skus.toArray(String[]::new))
                .getResultList())
                .map(rows -> candidates(rows.stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[5],
                        r[6], ((Number) r[7]).intValue()}).toList()));
    }

    /** Outside any transaction, for a dry run that reserves nothing. */
    public Uni<List<Candidate>> now(String country, List<String> skus) {
        return pool.preparedQuery(SQL.formatted("$1", "$2"))
                .execute(Tuple.of(country, skus.toArray(String[]::new)))
                .map(rows -> {
                    List<Object[]> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Object[] {row.getUUID(0), row.getString(1), row.getString(2), row.getInteger(3),
                                row.getDouble(4), row.getDouble(5), row.getString(6), row.getInteger(7)});
                    }
                    return candidates(list);
                });
    }

    private static List<Candidate> candidates(List<Object[]> rows) {
        Map<UUID, Object[]> locations = new LinkedHashMap<>();
        Map<UUID, Map<String, Integer>> stock = new HashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            locations.putIfAbsent(id, row);
            stock.computeIfAbsent(id, k -> new HashMap<>()).put((String) row[6], (Integer) row[7]);
        }
        List<Candidate> candidates = new ArrayList<>();
        locations.forEach((id, row) -> candidates.add(new Candidate(id, (String) row[1],
                LocationType.valueOf((String) row[2]) == LocationType.DROPSHIP_SUPPLIER,
                ((Number) row[3]).intValue(), toDouble(row[4]), toDouble(row[5]), stock.get(id))));
        return candidates;
    }

    private static Double toDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}

package io.oms.api.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Regrouping for batched {@code @Source List<Parent>} resolvers: one query answers for all parents, keyed by
 * id, and graphql-java wants one result per parent, in the parents' order (a parent may repeat).
 */
final class Batches {
    private Batches() {}

    /** One item per key: {@code byKey}'s value mapped; null where there is none. */
    static <K, V, R> List<R> one(List<K> keys, Map<K, V> byKey, Function<V, R> mapper) {
        return keys.stream()
                .map(key -> {
                    V value = byKey.get(key);
                    return value == null ? null : mapper.apply(value);
                })
                .toList();
    }

    /** One list per key: {@code byKey}'s values mapped; empty where there are none. */
    static <K, V, R> List<List<R>> many(List<K> keys, Map<K, List<V>> byKey, Function<V, R> mapper) {
        return keys.stream()
                .map(key ->
                        byKey.getOrDefault(key, List.of()).stream().map(mapper).toList())
                .toList();
    }
}

package io.oms.api.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.graphql.execution.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The documents that parsed and validated, with their syntax trees, so that the storefront's few distinct
 * queries are parsed once. Bounded by the bytes it holds, least recently used first out: anyone may send
 * documents, so what is remembered must not grow with what strangers send (SmallRye's own cache, which this one
 * replaces, keeps 2,048 documents whatever their size, and a few hundred large ones exhaust a 256 MB heap).
 *
 * <p>The cost of an entry is estimated from the document's length: its text plus its syntax tree take at most
 * {@value #BYTES_PER_CHARACTER} bytes per character (measured with graphql-java 24: 7 to 14 bytes of tree per
 * character for token-dense documents, one or two for the text). The token limit caps any tree at ~1 MB anyway.
 *
 * <p>SmallRye parses every request's document once more on its own, before execution, to learn its operation types,
 * through its own cache ({@link QueryCache}), which {@link GraphQLSetup} keeps from storing anything: that parse was
 * about 7% of the service's CPU under load (issue #14). So remembered documents are handed to SmallRye's cache too
 * ({@link #share}), the same entry (no second tree), but only documents short enough that its 2,048 entries can
 * never hold more than this cache's own budget, whatever strangers send: longer ones are still parsed by SmallRye.
 */
@ApplicationScoped
public class ParsedDocuments implements PreparsedDocumentProvider {
    static final int BYTES_PER_CHARACTER = 16;

    private final long budget;
    private final LinkedHashMap<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    @Inject
    public ParsedDocuments(@ConfigProperty(name = "oms.graphql.document-cache-size") MemorySize budget) {
        this(budget.asLongValue());
    }

    ParsedDocuments(long budget) {
        this.budget = budget;
        this.sharedMaxLength = budget / (SMALLRYE_CACHE_ENTRIES * BYTES_PER_CHARACTER);
    }

    /** Entries of SmallRye's own document cache (its default, {@code io.smallrye.graphql.execution.queryCacheMaxSize}). */
    static final long SMALLRYE_CACHE_ENTRIES = 2_048;

    /** Documents up to this many characters are handed to SmallRye's cache (256 for the default 8 MB). */
    private final long sharedMaxLength;

    private volatile QueryCache smallRye;

    /** SmallRye's own cache, to hand remembered short documents to (set once, when GraphQL is built). */
    void shareWith(QueryCache cache) {
        this.smallRye = cache;
    }

    QueryCache smallRyeCache() {
        return smallRye;
    }

    long sharedMaxLength() {
        return sharedMaxLength;
    }

    /**
     * Puts a document that parsed and validated into SmallRye's cache, as the entry held here: SmallRye's cache takes
     * entries only from a validation it saw start, so it is asked for the document (which, when it is missing, leaves
     * a pending entry for this thread that yields {@code entry}), then the pending entry is taken and, when it is this
     * document's, completed. Taking it also drops a pending entry that an earlier request left behind (one whose
     * document was never validated because it was remembered here), so it can never be stored under a later one.
     */
    private void share(ExecutionInput input, PreparsedDocumentEntry entry) {
        QueryCache cache = smallRye;
        if (cache == null) {
            return;
        }
        boolean missing = false;
        if (input.getQuery().length() <= sharedMaxLength) {
            boolean[] asked = {false};
            cache.getDocumentAsync(input, in -> {
                asked[0] = true;
                return entry;
            });
            missing = asked[0];
        }
        var pending = cache.beginValidation(null, null);
        if (missing) {
            pending.onCompleted(List.of(), null);
        }
    }

    static long cost(String document) {
        return (long) document.length() * BYTES_PER_CHARACTER;
    }

    /** Whether this exact document parsed and validated before (and is still remembered). */
    public synchronized boolean contains(String document) {
        return entries.containsKey(document);
    }

    /** The bytes the remembered documents are estimated to take; never more than the configured size. */
    public synchronized long bytesUsed() {
        return used;
    }

    public synchronized int size() {
        return entries.size();
    }

    synchronized PreparsedDocumentEntry get(String document) {
        return entries.get(document);
    }

    /** Remembers a document that parsed and validated; one that alone exceeds the size is not kept. */
    synchronized void put(String document, PreparsedDocumentEntry entry) {
        long cost = cost(document);
        if (cost > budget || entries.containsKey(document)) {
            return;
        }
        entries.put(document, entry);
        used += cost;
        Iterator<Map.Entry<String, PreparsedDocumentEntry>> oldest =
                entries.entrySet().iterator();
        while (used > budget && oldest.hasNext()) {
            used -= cost(oldest.next().getKey());
            oldest.remove();
        }
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput executionInput, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String document = executionInput.getQuery();
        PreparsedDocumentEntry entry = get(document);
        if (entry == null) {
            entry = parseAndValidate.apply(executionInput);
            if (!entry.hasErrors()) {
                put(document, entry);
                share(executionInput, entry);
            }
        } else {
            share(executionInput, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }
}

package io.oms.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import org.junit.jupiter.api.Test;

/** The remembered documents are bounded by bytes, least recently used out first. */
class ParsedDocumentsTest {
    private static final PreparsedDocumentEntry PARSED =
            new PreparsedDocumentEntry(Document.newDocument().build());

    /** A document of {@code characters} characters, distinct by {@code n}. */
    private static String document(int n, int characters) {
        String head = "{ a" + n + ": __typename } #";
        return head + "x".repeat(characters - head.length());
    }

    @Test
    void neverHoldsMoreThanItsSize() {
        long budget = 100 * 1_000L * ParsedDocuments.BYTES_PER_CHARACTER; // room for 100 documents of 1,000
        ParsedDocuments documents = new ParsedDocuments(budget);
        for (int n = 0; n < 1_000; n++) {
            documents.put(document(n, 1_000), PARSED);
            assertTrue(documents.bytesUsed() <= budget, "after " + n + ": " + documents.bytesUsed());
        }
        assertEquals(100, documents.size());
        assertEquals(budget, documents.bytesUsed());
        assertTrue(documents.contains(document(999, 1_000)), "the newest is kept");
        assertFalse(documents.contains(document(0, 1_000)), "the oldest went first");
    }

    @Test
    void keepsWhatIsInUse() {
        ParsedDocuments documents = new ParsedDocuments(3 * 1_000L * ParsedDocuments.BYTES_PER_CHARACTER);
        String storefront = document(-1, 1_000);
        documents.put(storefront, PARSED);
        for (int n = 0; n < 10; n++) {
            documents.put(document(n, 1_000), PARSED);
            documents.get(storefront); // asked for again and again: it stays
        }
        assertTrue(documents.contains(storefront));
        assertEquals(3, documents.size());
    }

    @Test
    void aDocumentLargerThanTheWholeSizeIsNotKept() {
        ParsedDocuments documents = new ParsedDocuments(10 * 1_000L * ParsedDocuments.BYTES_PER_CHARACTER);
        String small = document(1, 1_000);
        documents.put(small, PARSED);
        documents.put(document(2, 11_000), PARSED);
        assertEquals(1, documents.size());
        assertTrue(documents.contains(small), "a document that cannot be kept evicts nothing");
    }
}

package io.oms.api.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import io.oms.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * SmallRye parses each request's document once more before execution, through its own cache. A short document the
 * service has served is found there (not parsed again); a long one is not handed over, so that SmallRye's cache of
 * 2,048 entries stays within the remembered documents' budget.
 */
@QuarkusTest
class SmallRyeDocumentCacheTest {
    @Inject
    ParsedDocuments documents;

    @Test
    void aShortDocumentServedBeforeIsNotParsedAgainBySmallRye() {
        String shortDocument = "{ a" + System.nanoTime() + ": __typename }";
        served(shortDocument);
        assertFalse(parsedBySmallRye(shortDocument), "found in SmallRye's cache");
    }

    @Test
    void aLongDocumentIsNotHandedToSmallRye() {
        String head = "{ a" + System.nanoTime() + ": __typename } #";
        String longDocument = head + "x".repeat((int) documents.sharedMaxLength() + 1 - head.length());
        served(longDocument);
        assertTrue(documents.contains(longDocument), "remembered by the service");
        assertTrue(parsedBySmallRye(longDocument), "not in SmallRye's cache");
    }

    private static void served(String document) {
        for (int i = 0; i < 2; i++) {
            JsonPath answer = GraphQL.call(null, document);
            assertNull(answer.get("errors"), answer.prettify());
        }
    }

    /** Whether SmallRye's cache would parse the document (it asks the function only for a document it lacks). */
    private boolean parsedBySmallRye(String document) {
        AtomicBoolean asked = new AtomicBoolean();
        documents
                .smallRyeCache()
                .getDocumentAsync(ExecutionInput.newExecutionInput(document).build(), in -> {
                    asked.set(true);
                    return new PreparsedDocumentEntry(Document.newDocument().build());
                });
        documents.smallRyeCache().beginValidation(null, null); // drops what a miss left pending on this thread
        return asked.get();
    }
}

package io.oms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.api.graphql.ParsedDocuments;
import io.oms.support.GraphQL;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The size limits over real HTTP: a body over the limit (1 MB) is HTTP 413 with a GraphQL error body, a document
 * over its own limit (64 KB) is a VALIDATION error, and the documents the service remembers stay within their
 * size however many distinct ones strangers send.
 */
@QuarkusTest
class RequestLimitsApiTest {
    private static final int BODY_LIMIT = 1024 * 1024;
    private static final int DOCUMENT_LIMIT = 64 * 1024;

    @Inject
    ParsedDocuments documents;

    @TestHTTPResource("/graphql")
    URI endpoint;

    /** A valid anonymous query padded with a comment to {@code characters} characters, distinct by {@code n}. */
    private static String document(int n, int characters) {
        String head = "query Q" + n + " { locations { code } } #";
        return head + "x".repeat(characters - head.length());
    }

    private static void assertValidation(JsonPath answer, String field) {
        assertEquals("VALIDATION", answer.getString("errors[0].extensions.code"), answer.prettify());
        assertEquals(field, answer.getString("errors[0].extensions.field"), answer.prettify());
        assertNull(answer.get("data"), answer.prettify());
    }

    @Test
    void aBodyOverTheLimitIs413WithAGraphQLError() {
        String body = new JsonObject()
                .put("query", "{ locations { code } }")
                .put("pad", "x".repeat(2 * BODY_LIMIT))
                .encode();
        var response = given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/graphql")
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .extract();
        assertValidation(response.jsonPath(), "body");
    }

    @Test
    void aStreamedBodyWithoutLengthOverTheLimitIs413WithAGraphQLError() throws Exception {
        byte[] body = new JsonObject()
                .put("query", "{ locations { code } }")
                .put("pad", "x".repeat(2 * BODY_LIMIT))
                .encode()
                .getBytes(StandardCharsets.UTF_8);
        // From a stream of unknown length: sent chunked, without Content-Length, so the limit is found on the way.
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertValidation(JsonPath.from(response.body()), "body");
    }

    @Test
    void aBodyJustUnderTheLimitIsServed() {
        String query = "{ locations { code } }";
        String body = new JsonObject()
                .put("query", query)
                .put("pad", "x".repeat(BODY_LIMIT - 1_000))
                .encode();
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/graphql")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aDocumentOverItsLimitIsRefusedAsValidation() {
        JsonPath answer = GraphQL.call(null, document(1, DOCUMENT_LIMIT + 1));
        assertValidation(answer, "query");
        // multi-byte characters count in bytes
        JsonPath accents = GraphQL.call(null, document(2, DOCUMENT_LIMIT / 2 - 100) + "é".repeat(DOCUMENT_LIMIT / 2));
        assertValidation(accents, "query");
    }

    @Test
    void aDocumentUnderItsLimitIsServed() {
        JsonPath answer = GraphQL.call(null, document(3, DOCUMENT_LIMIT - 10));
        assertNull(answer.get("errors"), answer.prettify());
        assertTrue(answer.getList("data.locations").size() >= 0);
    }

    @Test
    void aDocumentThatDoesNotParseNamesTheQuery() {
        assertValidation(GraphQL.call(null, "{ locations { code "), "query");
    }

    @Test
    void rememberedDocumentsStayWithinTheirSize() {
        long budget = 8L * 1024 * 1024;
        for (int n = 0; n < 300; n++) {
            JsonPath answer = GraphQL.call(null, document(1_000 + n, DOCUMENT_LIMIT - 10));
            assertNull(answer.get("errors"), answer.prettify());
            assertTrue(documents.bytesUsed() <= budget, "after " + n + ": " + documents.bytesUsed());
        }
        String latest = document(1_299, DOCUMENT_LIMIT - 10);
        assertTrue(documents.contains(latest), "the latest valid document is remembered");
        assertTrue(documents.size() < 300, "old documents were let go: " + documents.size());
    }
}

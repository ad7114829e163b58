package io.oms.api.graphql;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a POST /graphql whose body is not a GraphQL request, or whose document does not parse, with a
 * VALIDATION error, as API.md requires of every error. SmallRye parses the body and the document before any
 * graphql-java hook runs and answers such requests itself, without a code, so they are caught here first
 * (after authentication, so a bad token is still a 401). Everything else goes on to SmallRye unchanged.
 * Documents that parsed and validated before ({@link ParsedDocuments}) are not parsed again.
 *
 * <p>It also enforces the size limits, with API.md's error body: a document over
 * {@code oms.graphql.max-document-size} (well below the body limit, so that no single document is worth keeping
 * or parsing at length) is a VALIDATION error of field {@code query}; a body over the body limit is HTTP 413 with a
 * VALIDATION error of field {@code body}, where Vert.x would answer 413 with an empty body.
 */
@ApplicationScoped
public class DocumentSyntaxGuard {
    /**
     * Route order: after Quarkus' security filters (a filter of priority p is a route of order -p:
     * authentication 200, authorization 100) and before the extensions' routes, which Vert.x numbers from 0.
     */
    private static final int ORDER = -50;

    private static final int PAYLOAD_TOO_LARGE = 413;

    private final ParserOptions options;
    private final long maxBodyBytes;
    private final long maxDocumentBytes;
    private final ParsedDocuments documents;

    public DocumentSyntaxGuard(
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") int maxTokens,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "oms.graphql.max-document-size") MemorySize maxDocument,
            ParsedDocuments documents) {
        this.options = ParserOptions.getDefaultParserOptions().transform(o -> o.maxTokens(maxTokens));
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxDocumentBytes = maxDocument.asLongValue();
        this.documents = documents;
    }

    void install(@Observes Router router) {
        // Quarkus refuses a body whose Content-Length is over the limit at route order -2, with an empty 413: this
        // BodyHandler runs before it and fails the request with 413, which the failure handler answers.
        router.post("/graphql")
                .order(ORDER - 1)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .failureHandler(this::tooLarge);
        router.post("/graphql").order(ORDER).handler(this::check);
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.statusCode() != PAYLOAD_TOO_LARGE || ctx.response().ended()) {
            ctx.next();
            return;
        }
        // The rest of an oversized body is not read: the connection is closed after the answer.
        ctx.response()
                .setStatusCode(PAYLOAD_TOO_LARGE)
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(refusal("The request body is larger than " + maxBodyBytes + " bytes", "body")
                        .encode());
    }

    private void check(RoutingContext ctx) {
        String query = query(ctx);
        if (query == null) {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(refusal("The body must be a JSON object with the GraphQL document in \"query\"", "body")
                            .encode());
            return;
        }
        if (documents.contains(query)) {
            ctx.next();
            return;
        }
        if (overSize(query)) {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(refusal("The document is larger than " + maxDocumentBytes + " bytes", "query")
                            .encode());
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(options)
                    .build());
        } catch (InvalidSyntaxException invalid) {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(refusal(invalid).encode());
            return;
        } catch (RuntimeException tooLarge) {
            // e.g. graphql-java's token limit: the document is refused, whatever it contains
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(refusal("The document is too large or too deeply nested", "query")
                            .encode());
            return;
        }
        // Not remembered here: ParsedDocuments keeps it once it has also been validated.
        ctx.next();
    }

    /**
     * Whether the document takes more than the limit in UTF-8; encoded only when its length in characters (at
     * least one byte, at most three each) cannot decide it.
     */
    private boolean overSize(String document) {
        if (document.length() > maxDocumentBytes) {
            return true;
        }
        if (3L * document.length() <= maxDocumentBytes) {
            return false;
        }
        return document.getBytes(StandardCharsets.UTF_8).length > maxDocumentBytes;
    }

    /** The document: the body itself for application/graphql, else "query" of a JSON object; or null. */
    private static String query(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null) {
            return null;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.startsWith("application/graphql")) {
            return ctx.body().asString();
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            Object query = body == null ? null : body.getValue("query");
            return query instanceof String text ? text : null;
        } catch (DecodeException | ClassCastException notAnObject) {
            return null;
        }
    }

    private static JsonObject refusal(InvalidSyntaxException invalid) {
        var location = invalid.getLocation();
        String where = location == null ? "" : " at line " + location.getLine() + ", column " + location.getColumn();
        return refusal("The document is not valid GraphQL" + where, "query");
    }

    private static JsonObject refusal(String message, String field) {
        return new JsonObject()
                .put(
                        "errors",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("message", message)
                                        .put(
                                                "extensions",
                                                new JsonObject()
                                                        .put("code", "VALIDATION")
                                                        .put("field", field)
                                                        .put("classification", "InvalidSyntax"))))
                .putNull("data");
    }
}

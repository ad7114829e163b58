package io.oms.api.graphql;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a POST /graphql whose body is not a GraphQL request, or whose document does not parse, with a
 * VALIDATION error, as API.md requires of every error. SmallRye parses the body and the document before any
 * graphql-java hook runs and answers such requests itself, without a code, so they are caught here first
 * (after authentication, so a bad token is still a 401). Everything else goes on to SmallRye unchanged.
 * Documents that parsed once are remembered, so the storefront's few distinct queries are parsed only once.
 */
@ApplicationScoped
public class DocumentSyntaxGuard {
    /**
     * Route order: after Quarkus' security filters (a filter of priority p is a route of order -p:
     * authentication 200, authorization 100) and before the extensions' routes, which Vert.x numbers from 0.
     */
    private static final int ORDER = -50;

    private static final int REMEMBERED = 2_000;

    private final ParserOptions options;
    private final long maxBodyBytes;
    private final Map<String, Boolean> parsed = new ConcurrentHashMap<>();

    public DocumentSyntaxGuard(
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") int maxTokens,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size")
                    io.quarkus.runtime.configuration.MemorySize maxBody) {
        this.options = ParserOptions.getDefaultParserOptions().transform(o -> o.maxTokens(maxTokens));
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.post("/graphql")
                .order(ORDER - 1)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.post("/graphql").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String query = query(ctx);
        if (query == null) {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(refusal("The body must be a JSON object with the GraphQL document in \"query\"")
                            .encode());
            return;
        }
        if (parsed.containsKey(query)) {
            ctx.next();
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
                    .end(refusal("The document is too large or too deeply nested")
                            .encode());
            return;
        }
        if (parsed.size() < REMEMBERED) {
            parsed.put(query, Boolean.TRUE);
        }
        ctx.next();
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
        return refusal("The document is not valid GraphQL" + where);
    }

    private static JsonObject refusal(String message) {
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
                                                        .put("classification", "InvalidSyntax"))))
                .putNull("data");
    }
}

package io.oms.api.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.oms.kernel.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GraphQL error exactly as API.md describes it: a message and {@code extensions.code} plus details. */
final class ApiError implements GraphQLError {
    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final Map<String, Object> extensions;

    ApiError(
            ErrorCode code,
            String message,
            Map<String, Object> details,
            List<SourceLocation> locations,
            List<Object> path) {
        this.message = message;
        this.locations = locations;
        this.path = path;
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", code.name());
        details.forEach((key, value) -> {
            if (value != null) {
                ext.put(key, value);
            }
        });
        this.extensions = ext;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(extensions.get("code").toString());
    }
}

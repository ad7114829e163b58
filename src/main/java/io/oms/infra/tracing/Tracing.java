package io.oms.infra.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries a trace across work that runs later and elsewhere than the request that asked for it (a routing job is
 * queued by confirmPayment and run by whichever replica's worker claims it): the request's trace context is stored
 * with the work as a W3C {@code traceparent}, and the worker continues that trace in a span of its own.
 *
 * <p>Quarkus keeps the current trace context on the Vert.x (duplicated) context, which is also where the SQL
 * client finds the parent of its spans and where the log's MDC gets {@code traceId}/{@code spanId}. So that a job's
 * span is current for its SQL and its log records, and for nothing else, each job runs on a duplicated context of
 * its own (the routing lane's {@code Lane.onOwnContext}).
 */
@ApplicationScoped
public class Tracing {
    private static final String TRACEPARENT = "traceparent";
    /** Version 00 of the W3C format, the one the propagator writes: 2 + 32 + 16 + 2 hex digits and 3 dashes. */
    static final int TRACEPARENT_LENGTH = 55;

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public Tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.oms");
    }

    /**
     * The current span's context as a W3C {@code traceparent}, to store with work that another process may run;
     * null when no span is current (tracing is off, or nothing is being traced here).
     */
    public String traceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        return traceparent != null && traceparent.length() == TRACEPARENT_LENGTH ? traceparent : null;
    }

    /**
     * Starts a span that continues the trace of a stored {@code traceparent} (a trace of its own when there is
     * none), and makes it current on this Vert.x context until the returned span is ended. Attribute values are
     * numbers (as long) or strings.
     */
    public WorkSpan continueTrace(String name, String traceparent, Map<String, ?> attributes) {
        Context parent = traceparent == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance()
                        .extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
        var builder = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER);
        attributes.forEach((key, value) -> {
            if (value instanceof Number number) {
                builder.setAttribute(key, number.longValue());
            } else {
                builder.setAttribute(key, String.valueOf(value));
            }
        });
        Span span = builder.startSpan();
        return new WorkSpan(span, Context.root().with(span).makeCurrent());
    }

    /** A span of work, current until ended; ending it twice does nothing. */
    public static final class WorkSpan {
        private final Span span;
        private Scope scope;

        WorkSpan(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Marks the work failed (the span's status and the exception as an event). */
        public void failed(Throwable error) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }

        public void end() {
            if (scope != null) {
                scope.close();
                scope = null;
                span.end();
            }
        }
    }
}

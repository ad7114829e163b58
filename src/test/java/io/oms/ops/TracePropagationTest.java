package io.oms.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace from the payment to the routing: confirmPayment's GraphQL span is the parent of the routing worker's
 * span, through the trace context stored with the routing job; the SQL of both is traced beneath them, and the
 * log records written on the way carry the trace and span ids.
 */
@QuarkusTest
class TracePropagationTest {
    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("oms.order.id");
    private static final AttributeKey<List<String>> ROOT_FIELDS =
            AttributeKey.stringArrayKey("oms.graphql.root_fields");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRoutingWorkerContinuesTheTraceOfThePaymentThatQueuedTheJob() {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("TRACE"), "WAREHOUSE", 10, 40.73, -74.17), sku, 5);
        String orderId = Routing.unpaidOrder(null, sku, 1);
        List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = capturing(logged);
        Logger routing = Logger.getLogger("io.oms.routing.app.RoutingService");
        Logger orders = Logger.getLogger("io.oms.order.app.OrderService");
        routing.addHandler(capture);
        orders.addHandler(capture);
        try {
            Routing.pay(orderId);
            Routing.awaitRouted(orderId, 15_000);

            SpanData job = awaitSpan(span -> span.getName().equals("route order")
                    && orderId.equals(span.getAttributes().get(ORDER_ID)));
            String traceParentOf = "the job stored at payment: "
                    + Db.query("select traceparent from routing_jobs where order_id = ?", UUID.fromString(orderId));
            SpanData payment = awaitSpan(span -> span.getTraceId().equals(job.getTraceId())
                    && span.getSpanId().equals(job.getParentSpanId()));
            assertEquals(
                    List.of("confirmPayment"),
                    payment.getAttributes().get(ROOT_FIELDS),
                    "the worker's parent is confirmPayment's GraphQL span; " + traceParentOf + "; parent: "
                            + payment.getName()
                            + " " + payment.getKind() + " "
                            + payment.getAttributes().asMap() + "; trace: "
                            + spans.getFinishedSpanItems().stream()
                                    .filter(span -> span.getTraceId().equals(job.getTraceId()))
                                    .map(span -> span.getName() + " span=" + span.getSpanId() + " parent="
                                            + span.getParentSpanId())
                                    .toList());
            assertEquals("mutation confirmPayment", payment.getName(), "an operation without a name: its root field");
            SpanData request = awaitSpan(span -> span.getSpanId().equals(payment.getParentSpanId()));
            assertEquals(SpanKind.SERVER, request.getKind(), "the GraphQL span is a child of the HTTP request's span");
            assertEquals(payment.getTraceId(), request.getTraceId());

            // The SQL of the payment and of the routing, each beneath its own span.
            SpanData paymentSql = awaitSpan(sqlUnder(payment));
            SpanData routingSql = awaitSpan(sqlUnder(job));
            assertNotEquals(paymentSql.getSpanId(), routingSql.getSpanId());

            // The log records of the payment and of the routing carry their spans' ids.
            ExtLogRecord paid = logRecord(logged, "-> PAID");
            assertEquals(payment.getTraceId(), paid.getMdc("traceId"), "the payment's log record");
            assertEquals(payment.getSpanId(), paid.getMdc("spanId"));
            ExtLogRecord routed = logRecord(logged, "routed");
            assertEquals(job.getTraceId(), routed.getMdc("traceId"), "the routing's log record");
            assertEquals(job.getSpanId(), routed.getMdc("spanId"));
        } finally {
            routing.removeHandler(capture);
            orders.removeHandler(capture);
        }
    }

    @Test
    void everyGraphQLOperationHasASpanNamedAfterIt() {
        io.oms.support.GraphQL.call(io.oms.support.Tokens.admin(), "query Traced { locations { code } }");
        SpanData operation = awaitSpan(span -> span.getName().equals("query Traced"));
        assertEquals("query", operation.getAttributes().get(OPERATION_TYPE));
        assertEquals("Traced", operation.getAttributes().get(AttributeKey.stringKey("graphql.operation.name")));
        assertEquals(List.of("locations"), operation.getAttributes().get(ROOT_FIELDS));
        assertFalse(operation.getParentSpanId().isEmpty(), "beneath the HTTP request's span");
    }

    private static Predicate<SpanData> sqlUnder(SpanData parent) {
        return span -> span.getKind() == SpanKind.CLIENT
                && span.getParentSpanId().equals(parent.getSpanId())
                && span.getAttributes().asMap().keySet().stream()
                        .anyMatch(key -> key.getKey().startsWith("db."));
    }

    /** Spans are exported in batches, soon after they end: wait for the one wanted. */
    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Optional<SpanData> found =
                    spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no such span among: "
                        + spans.getFinishedSpanItems().stream()
                                .map(span -> span.getName() + " " + span.getKind() + " trace=" + span.getTraceId()
                                        + " span=" + span.getSpanId() + " parent=" + span.getParentSpanId() + " "
                                        + span.getAttributes().asMap())
                                .collect(Collectors.joining("\n  ", "\n  ", "")));
            }
            Routing.pause(50);
        }
    }

    private static ExtLogRecord logRecord(List<ExtLogRecord> logged, String containing) {
        return logged.stream()
                .filter(record -> record.getFormattedMessage().contains(containing))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log record with \"" + containing + "\" among "
                        + logged.stream().map(ExtLogRecord::getFormattedMessage).toList()));
    }

    private static Handler capturing(List<ExtLogRecord> logged) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord ext = (ExtLogRecord) record;
                ext.copyMdc(); // as it is when logged, on the thread and Vert.x context that logged it
                logged.add(ext);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }
}

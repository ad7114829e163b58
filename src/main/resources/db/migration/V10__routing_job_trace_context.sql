-- The trace context of the request that queued the job (the W3C traceparent of confirmPayment's span), so that the
-- worker that routes the order, in whichever replica and however much later, continues the same trace: one trace
-- shows the payment, the routing and their SQL. Null when the request was not traced (tracing off, older jobs).
alter table routing_jobs add column traceparent varchar(55);

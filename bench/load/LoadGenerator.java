import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Storefront-like load against a running service, through /graphql as the clients use it. Each order: place it
 * (1-4 lines, Zipf-skewed SKUs of the demo catalogue, ~3% of lines on the SKU that is out of stock), confirm its
 * payment, then wait until the routing worker has routed it, by polling {@code order(id) { status }} or over the
 * {@code orderEvents(orderId)} subscription.
 *
 * <p>Two ways to offer load:
 * <ul>
 *   <li>closed loop ({@code --clients N}, the default): N clients, each starting its next order when the last is
 *       routed, so the offered load falls when the service slows down;
 *   <li>open loop ({@code --rate R}): R orders per second arrive on schedule whatever the service does, and every
 *       latency of an order is measured from its intended start, so a stall shows in the tail instead of being
 *       hidden by fewer requests (no coordinated omission).
 * </ul>
 *
 * <p>It prints orders per second, latency percentiles (HdrHistogram when it is on the class path, see
 * {@code bench/load/loadgen.sh}; exact sorted samples otherwise), errors by code and the cost of one routed
 * order: CPU of the service and of PostgreSQL from /proc, commits, rows written and WAL of the service's
 * database, GraphQL requests. Needs only the JDK ({@code java bench/load/LoadGenerator.java --help}); psql for
 * the database figures. Tokens are signed with the dev key pair (dev-keys/), which the dev profile (and the
 * drills' prod-profile runs) trust.
 */
public class LoadGenerator {
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z_]+)\"");
    static final Pattern LOCATION = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"code\":\"([^\"]+)\",\"countries\":\\[([^]]*)]");

    static final String PLACE = "mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id } }";
    static final String PAY = "mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: \"load\") { status } }";
    static final String POLL = "query($id: ID!) { order(id: $id) { status } }";
    /** The event's own type is aliased so that the only "type" of a message is the protocol's. */
    static final String SUBSCRIBE =
            "subscription($id: ID!) { orderEvents(orderId: $id) { eventType: type fromStatus toStatus } }";

    static final String USAGE = """
            java [-cp HdrHistogram.jar] bench/load/LoadGenerator.java [options]    (or bench/load/loadgen.sh [options])
              --url URL            GraphQL endpoint (http://localhost:8080/graphql)
              --clients N          closed loop: N clients, each places its next order once the last is routed (16)
              --rate R             open loop instead: R orders/s on a fixed schedule, latencies from the intended start
              --customers N        open loop: customers (tokens, WebSockets) the orders are spread over (64)
              --max-inflight N     open loop: orders in flight before new arrivals are dropped and counted (5000)
              --wait poll|subscribe  how the client learns the order was routed (poll)
              --poll-ms MS         poll interval (50)
              --subscribe-as customer|admin  whose token opens the WebSockets (customer; admin works today)
              --check-ms MS        subscribe: query the order after MS without its routed event, as a fallback (1000)
              --route-timeout S    give up on an order not routed after S seconds (30)
              --duration S         measured seconds (60)        --warmup S   seconds before measuring (10)
              --db URL             the service's database for psql: audit-trail latency, pg_stat_database deltas
              --service-pid PID    the service process for its CPU (default: whoever listens on the URL's port)
              --pg-pid PID         the postmaster (default: every process of --pg-user, default postgres)
              --restock yes|no|only  restock the demo SKUs first (yes)
              --key PEM            signing key (dev-keys/jwt-private.pem)
            """;

    final URI url;
    final int clients;
    final double rate;
    final int customerCount;
    final int maxInflight;
    final boolean subscribe;
    final boolean subscribeAsAdmin;
    final Duration duration;
    final Duration warmup;
    final long pollMillis;
    final Duration routeTimeout;
    final long checkMillis;
    final String db;
    final String restock;
    final Long servicePid;
    final Long pgPid;
    final String pgUser;
    final PrivateKey key;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final LongAdder placed = new LongAdder();
    final LongAdder routed = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder subscriptions = new LongAdder();
    final AtomicInteger inflight = new AtomicInteger();
    final AtomicInteger maxInflightSeen = new AtomicInteger();
    /** Orders whose (intended) start is at or after this nanoTime are measured; 0 while warming up. */
    final AtomicLong measureFrom = new AtomicLong();
    /** Requests and subscriptions are counted while this is set: the same window as the CPU and database deltas. */
    volatile boolean counting;
    volatile boolean stop;
    String payments;

    LoadGenerator(Map<String, String> args) throws Exception {
        url = URI.create(args.getOrDefault("url", "http://localhost:8080/graphql"));
        rate = Double.parseDouble(args.getOrDefault("rate", "0"));
        clients = Integer.parseInt(args.getOrDefault("clients", "16"));
        customerCount = Integer.parseInt(args.getOrDefault("customers", "64"));
        maxInflight = Integer.parseInt(args.getOrDefault("max-inflight", "5000"));
        String wait = args.getOrDefault("wait", "poll");
        if (!wait.equals("poll") && !wait.equals("subscribe")) {
            throw new IllegalArgumentException("--wait poll|subscribe, not " + wait);
        }
        subscribe = wait.equals("subscribe");
        subscribeAsAdmin = args.getOrDefault("subscribe-as", "customer").equals("admin");
        duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("duration", "60")));
        warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "10")));
        pollMillis = Long.parseLong(args.getOrDefault("poll-ms", "50"));
        routeTimeout = Duration.ofSeconds(Long.parseLong(args.getOrDefault("route-timeout", "30")));
        checkMillis = Long.parseLong(args.getOrDefault("check-ms", "1000"));
        db = args.get("db");
        restock = args.getOrDefault("restock", "yes");
        servicePid = args.containsKey("service-pid") ? Long.valueOf(args.get("service-pid")) : null;
        pgPid = args.containsKey("pg-pid") ? Long.valueOf(args.get("pg-pid")) : null;
        pgUser = args.getOrDefault("pg-user", "postgres");
        String pem = Files.readString(Path.of(args.getOrDefault("key", "dev-keys/jwt-private.pem")))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--help") || argv[i].equals("-h") || i + 1 == argv.length) {
                System.out.print(USAGE);
                return;
            }
            args.put(argv[i].replaceFirst("^--", ""), argv[++i]);
        }
        new LoadGenerator(args).run();
        System.exit(0); // WebSocket and HTTP client threads would otherwise keep the JVM up for a while
    }

    boolean openLoop() {
        return rate > 0;
    }

    void run() throws Exception {
        if (!restock.equals("no")) {
            restock();
        }
        if (restock.equals("only")) {
            return;
        }
        payments = token("psp-load", "payments", null);
        Cost cost = new Cost(servicePid != null ? servicePid : Cost.listener(url.getPort() < 0 ? 80 : url.getPort()),
                pgPid, pgUser, db);
        System.out.printf("load: %s, wait by %s%s, %ds (+%ds warm-up) against %s; histograms: %s%n",
                openLoop() ? String.format("open loop at %.1f orders/s over %d customers", rate, customerCount)
                        : clients + " clients (closed loop)",
                subscribe ? "orderEvents subscription" : "polling every " + pollMillis + " ms",
                subscribe ? " (WebSockets opened as " + (subscribeAsAdmin ? "admin" : "the customer") + ")" : "",
                duration.toSeconds(), warmup.toSeconds(), url, Latencies.KIND);
        List<Customer> customers = customers(openLoop() ? customerCount : clients);
        CountDownLatch done;
        if (openLoop()) {
            done = new CountDownLatch(1);
            Thread scheduler = new Thread(() -> {
                try {
                    arrivals(customers);
                } finally {
                    done.countDown();
                }
            }, "arrivals");
            scheduler.setDaemon(true);
            scheduler.start();
        } else {
            done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    try {
                        client(client, customers.get(client));
                    } finally {
                        done.countDown();
                    }
                }, "client-" + c);
                thread.setDaemon(true);
                thread.start();
            }
        }
        Thread.sleep(warmup.toMillis());
        Cost.Snapshot before = cost.snapshot();
        Instant measuredAt = Instant.now();
        long measured = System.nanoTime();
        measureFrom.set(measured);
        counting = true;
        Thread.sleep(duration.toMillis());
        counting = false;
        stop = true;
        double seconds = (System.nanoTime() - measured) / 1e9;
        Cost.Snapshot after = cost.snapshot();
        // Orders of the window still in flight finish (or time out) before the report.
        done.await();
        long drainUntil = System.nanoTime() + routeTimeout.toNanos() + TimeUnit.SECONDS.toNanos(10);
        while (inflight.get() > 0 && System.nanoTime() < drainUntil) {
            sleep(50);
        }
        report(seconds);
        if (db != null) {
            serverSide(measuredAt);
        }
        cost.report(before, after, routed.sum(), requests.sum(), subscriptions.sum());
        System.out.println(result(seconds, cost.perOrder(before, after, routed.sum())));
        // Closed properly, so that the service does not keep them open (an open one holds up its graceful shutdown).
        CompletableFuture<?>[] closing = customers.stream().filter(c -> c.subscriptions() != null)
                .map(c -> c.subscriptions().close()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("WebSockets not all closed: " + unwrap(e));
        }
    }

    List<Customer> customers(int count) throws Exception {
        List<Customer> customers = new ArrayList<>();
        String admin = subscribeAsAdmin ? token("admin-load", "admin", null) : null;
        for (int i = 0; i < count; i++) {
            String token = token("load-customer-" + i + "-" + System.nanoTime(), "customer", null);
            Subscriptions subscriptions = subscribe
                    ? Subscriptions.open(http, webSocketUri(), subscribeAsAdmin ? admin : token)
                    : null;
            customers.add(new Customer(token, subscriptions));
        }
        return customers;
    }

    URI webSocketUri() {
        return URI.create(url.toString().replaceFirst("^http", "ws"));
    }

    /** Open loop: one order every 1/rate s on a fixed schedule; a late dispatch keeps its intended start. */
    void arrivals(List<Customer> customers) {
        Random random = new Random(7919L);
        long interval = (long) (1e9 / rate);
        long first = System.nanoTime();
        for (long i = 0; !stop; i++) {
            long intended = first + i * interval;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0 && !stop) {
                LockSupport.parkNanos(wait);
            }
            if (stop) {
                return;
            }
            if (intended >= measureFrom.get() && measureFrom.get() > 0) {
                latencies("dispatch lag").record(System.nanoTime() - intended);
            }
            if (inflight.get() >= maxInflight) {
                count(intended, "DROPPED_MAX_INFLIGHT");
                continue;
            }
            started();
            try {
                order(customers.get((int) (i % customers.size())), random, (int) (i % 1_000_000), i, intended)
                        .whenComplete((v, e) -> {
                            if (e != null) {
                                count(intended, name(e));
                            }
                            inflight.decrementAndGet();
                        });
            } catch (RuntimeException e) {
                inflight.decrementAndGet();
                count(intended, name(e));
            }
        }
    }

    void started() {
        maxInflightSeen.accumulateAndGet(inflight.incrementAndGet(), Math::max);
    }

    /** Closed loop: the next order once the last one is routed (or failed). */
    void client(int client, Customer customer) {
        Random random = new Random(client * 7919L);
        long sequence = 0;
        while (!stop) {
            long start = System.nanoTime();
            started();
            try {
                order(customer, random, client, sequence++, start).get();
            } catch (ExecutionException | RuntimeException e) {
                count(start, name(e));
                sleep(200); // the service is down or restarting: a real client backs off too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inflight.decrementAndGet();
            }
        }
    }

    /**
     * One order from place to routed. {@code intended} is when it should have started: latencies from it include
     * any wait the generator or the service imposed before the first request (in the closed loop it is now).
     */
    CompletableFuture<Void> order(Customer customer, Random random, int client, long sequence, long intended) {
        boolean measured = measureFrom.get() > 0 && intended >= measureFrom.get();
        return send(customer.token(), PLACE, placeVariables(random, client, sequence)).thenCompose(placedBody -> {
            if (measured) {
                latencies("placeOrder").record(System.nanoTime() - intended);
            }
            if (error(placedBody, measured)) {
                return CompletableFuture.completedFuture(null);
            }
            Matcher m = ID.matcher(placedBody);
            if (!m.find()) {
                count(intended, "NO_ORDER_ID");
                return CompletableFuture.completedFuture(null);
            }
            String orderId = m.group(1);
            if (measured) {
                placed.increment();
            }
            Subscription subscription = subscribe ? customer.subscriptions().subscribe(orderId) : null;
            if (subscription != null && counting) {
                subscriptions.increment();
            }
            // The routed event can only come after the payment: pay once the subscribe message is on the wire.
            CompletableFuture<Void> subscribed =
                    subscription == null ? CompletableFuture.completedFuture(null) : subscription.sent();
            return subscribed.thenCompose(s -> pay(customer, orderId, subscription, measured, intended));
        });
    }

    CompletableFuture<Void> pay(Customer customer, String orderId, Subscription subscription, boolean measured,
            long intended) {
        long paidAt = System.nanoTime();
        return send(payments, PAY, idVariables(orderId)).thenCompose(paid -> {
            if (measured) {
                latencies("confirmPayment").record(System.nanoTime() - paidAt);
            }
            if (error(paid, measured)) {
                if (subscription != null) {
                    customer.subscriptions().cancel(orderId);
                }
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Long> routedAt = subscription == null
                    ? poll(customer, orderId, paidAt + routeTimeout.toNanos(), measured)
                    : awaitEvent(customer, orderId, subscription, paidAt + routeTimeout.toNanos(), measured);
            return routedAt.thenAccept(at -> {
                if (at != null && measured) {
                    latencies("payment-to-routed").record(at - paidAt);
                    latencies("order-to-routed").record(at - intended);
                    routed.increment();
                }
            });
        });
    }

    /** The nanoTime the order was seen routed, or null when it was not within the route timeout. */
    CompletableFuture<Long> poll(Customer customer, String orderId, long deadline, boolean measured) {
        long start = System.nanoTime();
        return send(customer.token(), POLL, idVariables(orderId)).thenCompose(body -> {
            long now = System.nanoTime();
            if (measured) {
                latencies("poll order").record(now - start);
            }
            Matcher m = STATUS.matcher(body);
            if (m.find() && !m.group(1).equals("PAID")) {
                return CompletableFuture.completedFuture(now);
            }
            if (now > deadline) {
                count(measured, "NOT_ROUTED_IN_TIME");
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(pollMillis, TimeUnit.MILLISECONDS))
                    .thenCompose(v -> poll(customer, orderId, deadline, measured));
        });
    }

    /**
     * The routed event as it arrives. The stream is live only once the service has processed the subscribe message
     * (for a customer, after it has checked the order is theirs), so an event committed before is missed: after
     * {@code --check-ms} without it, one query tells a missed event (counted, and the order taken as routed then)
     * from a routing still under way (wait again), as a storefront would fall back.
     */
    CompletableFuture<Long> awaitEvent(Customer customer, String orderId, Subscription subscription, long deadline,
            boolean measured) {
        CompletableFuture<Long> routed = subscription.routed();
        long wait = Math.max(1, Math.min(checkMillis, (deadline - System.nanoTime()) / 1_000_000));
        return routed.copy().completeOnTimeout(-1L, wait, TimeUnit.MILLISECONDS)
                .<CompletableFuture<Long>>handle((at, e) -> {
                    if (e != null) {
                        customer.subscriptions().cancel(orderId);
                        Throwable cause = unwrap(e);
                        count(measured, cause instanceof GraphQLError ? cause.getMessage() : name(cause));
                        return CompletableFuture.completedFuture(null);
                    }
                    if (at >= 0) {
                        return CompletableFuture.completedFuture(at);
                    }
                    return send(customer.token(), POLL, idVariables(orderId)).thenCompose(body -> {
                        long now = System.nanoTime();
                        if (routed.isDone() && !routed.isCompletedExceptionally()) {
                            return CompletableFuture.completedFuture(routed.join()); // it came meanwhile
                        }
                        Matcher m = STATUS.matcher(body);
                        if (m.find() && !m.group(1).equals("PAID")) {
                            customer.subscriptions().cancel(orderId);
                            count(measured, "SUBSCRIPTION_EVENT_MISSED");
                            return CompletableFuture.completedFuture(now);
                        }
                        if (now > deadline) {
                            customer.subscriptions().cancel(orderId);
                            count(measured, "NOT_ROUTED_IN_TIME");
                            return CompletableFuture.completedFuture(null);
                        }
                        return awaitEvent(customer, orderId, subscription, deadline, measured);
                    });
                })
                .thenCompose(f -> f);
    }

    String placeVariables(Random random, int client, long sequence) {
        int lines = 1 + random.nextInt(4);
        StringBuilder items = new StringBuilder();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String sku = random.nextDouble() < 0.03 ? "SKU-0050"
                    : String.format("SKU-%04d", 1 + (int) (49 * Math.pow(random.nextDouble(), 2.5)));
            if (used.contains(sku)) {
                continue;
            }
            used.add(sku);
            items.append(items.length() == 0 ? "" : ",").append(String.format(
                    "{\"sku\":\"%s\",\"quantity\":%d,\"unitPrice\":\"%d.99\"}", sku, 1 + random.nextInt(3),
                    5 + random.nextInt(90)));
        }
        return String.format("{\"in\":{\"idempotencyKey\":"
                + "\"load-%d-%d-%d\",\"email\":\"load@example.com\",\"currency\":\"USD\",\"shippingAddress\":"
                + "{\"name\":\"Load\",\"line1\":\"1 Main St\",\"city\":\"Boston\",\"postalCode\":\"02108\","
                + "\"country\":\"US\",\"latitude\":42.36,\"longitude\":-71.06},\"lines\":[%s]}}", client,
                System.nanoTime(), sequence, items);
    }

    static String idVariables(String id) {
        return "{\"id\":\"" + id + "\"}";
    }

    /**
     * Payment to routed as the service saw it (audit trail: PAYMENT_CONFIRMED to the ORDER_ROUTED that left
     * PAID), free of the client's polling interval; needs psql and --db postgresql://host:port/database.
     */
    void serverSide(Instant from) throws Exception {
        String sql = "select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),"
                + " round(percentile_cont(0.95) within group (order by ms)::numeric, 1),"
                + " round(percentile_cont(0.99) within group (order by ms)::numeric, 1), round(max(ms)::numeric, 1)"
                + " from (select extract(epoch from r.occurred_at - p.occurred_at) * 1000 as ms"
                + " from order_events p join order_events r on r.order_id = p.order_id and r.type = 'ORDER_ROUTED'"
                + " and r.from_status = 'PAID' where p.type = 'PAYMENT_CONFIRMED' and p.occurred_at >= '" + from + "') x";
        String[] out = Cost.psql(db, sql).split("\\|", -1);
        if (out.length == 5) {
            System.out.printf("%-20s %8s %8s %8s %8s %8s   (server side, audit trail)%n", "payment-to-routed", out[0],
                    out[1], out[2], out[3], out[4]);
        } else {
            System.out.println("server side: " + String.join("|", out));
        }
    }

    /** Puts plenty of stock of SKU-0001..0049 at every location shipping to the US, so stock never runs out. */
    void restock() throws Exception {
        String admin = token("admin-load", "admin", null);
        String body = post(admin, "{ locations { id code countries } }");
        Matcher m = LOCATION.matcher(body);
        int levels = 0;
        while (m.find()) {
            if (!m.group(3).contains("\"US\"")) {
                continue;
            }
            for (int sku = 1; sku <= 49; sku++) {
                post(admin, String.format("mutation { adjustInventory(locationId: \"%s\", sku: \"SKU-%04d\", delta: 1000000,"
                        + " reason: \"load generator restock\") { onHand } }", m.group(1), sku));
                levels++;
            }
        }
        System.out.printf("restocked %d inventory levels%n", levels);
    }

    String post(String token, String query) throws Exception {
        try {
            return send(token, query, "{}").join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Like a real client: a constant document (parsed and validated once, then cached) and its variables. */
    CompletableFuture<String> send(String token, String query, String variables) {
        String json = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"variables\":"
                + variables + "}";
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        if (counting) {
            requests.increment();
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                return "{\"errors\":[{\"extensions\":{\"code\":\"HTTP_" + response.statusCode() + "\"}}]}";
            }
            return response.body();
        });
    }

    boolean error(String body, boolean measured) {
        if (!body.contains("\"errors\"")) {
            return false;
        }
        Matcher m = CODE.matcher(body);
        count(measured, m.find() ? m.group(1) : "NO_CODE");
        return true;
    }

    Latencies latencies(String operation) {
        return latencies.computeIfAbsent(operation, o -> new Latencies());
    }

    void count(long start, String what) {
        count(measureFrom.get() > 0 && start >= measureFrom.get(), what);
    }

    void count(boolean measured, String what) {
        if (measured) {
            errors.computeIfAbsent(what, w -> new LongAdder()).increment();
        }
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String name(Throwable e) {
        return unwrap(e).getClass().getSimpleName();
    }

    void report(double seconds) {
        System.out.printf("%nmeasured %.1f s: %d orders placed (%.1f/s), %d routed (%.1f/s)%s%n", seconds, placed.sum(),
                placed.sum() / seconds, routed.sum(), routed.sum() / seconds,
                openLoop() ? String.format("; offered %.1f/s, at most %d orders in flight", rate, maxInflightSeen.get())
                        : "");
        System.out.printf("%-20s %8s %8s %8s %8s %8s%n", "latency (ms)", "count", "p50", "p95", "p99", "max");
        for (String operation : List.of("placeOrder", "confirmPayment", "poll order", "payment-to-routed",
                "order-to-routed", "dispatch lag")) {
            Latencies values = latencies.get(operation);
            if (values == null) {
                continue;
            }
            System.out.printf("%-20s %8d %8.1f %8.1f %8.1f %8.1f%n", operation, values.count(), values.percentileMs(50),
                    values.percentileMs(95), values.percentileMs(99), values.maxMs());
        }
        if (openLoop()) {
            System.out.println("(open loop: placeOrder and order-to-routed from each order's intended start)");
        }
        System.out.println("errors by code: " + (errors.isEmpty() ? "none" : new TreeMap<>(errors)));
    }

    String result(double seconds, Map<String, Double> cost) {
        StringBuilder line = new StringBuilder(String.format("RESULT mode=%s wait=%s %s routed_per_s=%.1f placed_per_s=%.1f",
                openLoop() ? "open" : "closed", subscribe ? "subscribe" : "poll",
                openLoop() ? String.format("rate=%.1f", rate) : "clients=" + clients, routed.sum() / seconds,
                placed.sum() / seconds));
        for (String operation : List.of("placeOrder", "payment-to-routed")) {
            Latencies values = latencies.get(operation);
            if (values != null && values.count() > 0) {
                line.append(String.format(" %s_p99_ms=%.1f", operation.replace("-", "_"), values.percentileMs(99)));
            }
        }
        cost.forEach((name, value) -> line.append(String.format(" %s=%.2f", name, value)));
        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        return line.append(" errors=").append(errorCount).toString();
    }

    String token(String subject, String role, String location) {
        try {
            long now = System.currentTimeMillis() / 1000;
            String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
            String claims = b64(String.format("{\"iss\":\"https://oms.dev/issuer\",\"sub\":\"%s\",\"upn\":\"%s\","
                    + "\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d%s}", subject, subject, role, now, now + 86_400,
                    location == null ? "" : ",\"location\":\"" + location + "\""));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Customer(String token, Subscriptions subscriptions) {}

    record Subscription(CompletableFuture<Void> sent, CompletableFuture<Long> routed) {}

    /** A GraphQL error of a subscription, by its extensions.code. */
    static final class GraphQLError extends RuntimeException {
        GraphQLError(String code) {
            super(code, null, false, false);
        }
    }

    /**
     * One WebSocket of one customer, speaking graphql-transport-ws (connection_init with the token, subscribe,
     * next, error, complete, ping/pong), with a subscription per order in flight. The routed future completes with
     * the nanoTime of the first event that leaves PAID (the one that routes or flags the order).
     */
    static final class Subscriptions implements WebSocket.Listener {
        static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
        static final Pattern FROM = Pattern.compile("\"fromStatus\"\\s*:\\s*\"([A-Z_]+)\"");
        static final Pattern TO = Pattern.compile("\"toStatus\"\\s*:\\s*\"([A-Z_]+)\"");

        final Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
        final Map<String, String> idsByOrder = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        /** java.net.http.WebSocket allows one outstanding send: sends are chained. */
        CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        static Subscriptions open(HttpClient http, URI uri, String token) throws Exception {
            Subscriptions subscriptions = new Subscriptions();
            subscriptions.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, subscriptions).get(10, TimeUnit.SECONDS);
            subscriptions.send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
            try {
                subscriptions.acknowledged.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("no connection_ack on " + uri + ": " + unwrap(e), e);
            }
            return subscriptions;
        }

        Subscription subscribe(String orderId) {
            String id = Long.toString(ids.incrementAndGet());
            CompletableFuture<Long> routed = new CompletableFuture<>();
            pending.put(id, routed);
            idsByOrder.put(orderId, id);
            CompletableFuture<Void> sent = send("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                    + SUBSCRIBE.replace("\"", "\\\"") + "\",\"variables\":" + idVariables(orderId) + "}}");
            routed.whenComplete((at, e) -> idsByOrder.remove(orderId, id));
            return new Subscription(sent, routed);
        }

        /** Ends the subscription of an order the client no longer waits for. */
        void cancel(String orderId) {
            String id = idsByOrder.remove(orderId);
            if (id != null && pending.remove(id) != null) {
                send("{\"id\":\"" + id + "\",\"type\":\"complete\"}");
            }
        }

        synchronized CompletableFuture<Void> send(String text) {
            CompletableFuture<Void> sent = sending.thenCompose(v -> socket.sendText(text, true)).thenApply(ws -> null);
            sending = sent.exceptionally(e -> null);
            return sent;
        }

        synchronized CompletableFuture<?> close() {
            sending = sending.thenCompose(v -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            return sending;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                handle(message);
            }
            webSocket.request(1);
            return null;
        }

        void handle(String message) {
            Matcher type = TYPE.matcher(message);
            if (!type.find()) {
                return;
            }
            Matcher id = ID.matcher(message);
            String subscription = id.find() ? id.group(1) : null;
            switch (type.group(1)) {
                case "connection_ack" -> acknowledged.complete(null);
                case "ping" -> send("{\"type\":\"pong\"}");
                case "next" -> {
                    CompletableFuture<Long> routed = subscription == null ? null : pending.get(subscription);
                    if (routed == null) {
                        return;
                    }
                    if (message.contains("\"errors\"")) {
                        fail(subscription, message);
                        return;
                    }
                    Matcher from = FROM.matcher(message);
                    Matcher to = TO.matcher(message);
                    if (from.find() && from.group(1).equals("PAID") && to.find() && !to.group(1).equals("PAID")) {
                        long at = System.nanoTime();
                        pending.remove(subscription);
                        send("{\"id\":\"" + subscription + "\",\"type\":\"complete\"}");
                        routed.complete(at);
                    }
                }
                case "error" -> fail(subscription, message);
                case "complete" -> {
                    CompletableFuture<Long> routed = subscription == null ? null : pending.remove(subscription);
                    if (routed != null) {
                        routed.completeExceptionally(new GraphQLError("SUBSCRIPTION_COMPLETED_BEFORE_ROUTING"));
                    }
                }
                default -> {}
            }
        }

        void fail(String subscription, String message) {
            CompletableFuture<Long> routed = subscription == null ? null : pending.remove(subscription);
            if (routed == null && !acknowledged.isDone()) {
                acknowledged.completeExceptionally(new IOException(message));
            }
            if (routed != null) {
                Matcher code = CODE.matcher(message);
                routed.completeExceptionally(new GraphQLError("SUBSCRIPTION_" + (code.find() ? code.group(1) : "ERROR")));
            }
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(new IOException("WebSocket closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(error);
        }

        void closed(Throwable error) {
            acknowledged.completeExceptionally(error);
            pending.values().forEach(f -> f.completeExceptionally(new GraphQLError("WEBSOCKET_CLOSED")));
            pending.clear();
        }
    }

    /**
     * Latencies of one operation in nanoseconds: an HdrHistogram (3 significant digits, auto-resizing) when
     * org.HdrHistogram is on the class path, found by reflection so that the JDK alone still runs this file;
     * otherwise every sample, sorted for the report.
     */
    static final class Latencies {
        static final MethodHandle NEW;
        static final MethodHandle RECORD;
        static final MethodHandle PERCENTILE;
        static final MethodHandle MAX;
        static final MethodHandle COUNT;
        static final String KIND;

        static {
            MethodHandle create = null, record = null, percentile = null, max = null, count = null;
            String kind = "exact samples (HdrHistogram is not on the class path)";
            try {
                Class<?> histogram = Class.forName("org.HdrHistogram.Histogram");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                create = lookup.findConstructor(histogram, MethodType.methodType(void.class, int.class));
                record = lookup.findVirtual(histogram, "recordValue", MethodType.methodType(void.class, long.class));
                percentile = lookup.findVirtual(histogram, "getValueAtPercentile",
                        MethodType.methodType(long.class, double.class));
                max = lookup.findVirtual(histogram, "getMaxValue", MethodType.methodType(long.class));
                count = lookup.findVirtual(histogram, "getTotalCount", MethodType.methodType(long.class));
                String version = histogram.getPackage().getImplementationVersion();
                kind = "HdrHistogram" + (version == null ? "" : " " + version);
            } catch (ReflectiveOperationException e) {
                create = null;
            }
            NEW = create;
            RECORD = record;
            PERCENTILE = percentile;
            MAX = max;
            COUNT = count;
            KIND = kind;
        }

        private final Object histogram;
        private final List<Long> samples = new ArrayList<>();
        private boolean sorted;

        Latencies() {
            try {
                histogram = NEW == null ? null : NEW.invoke(3);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void record(long nanos) {
            long value = Math.max(0, nanos);
            if (histogram == null) {
                samples.add(value);
                sorted = false;
                return;
            }
            try {
                RECORD.invoke(histogram, value);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized long count() {
            return histogram == null ? samples.size() : call(COUNT);
        }

        synchronized double percentileMs(double percentile) {
            if (histogram == null) {
                sort();
                int index = (int) Math.ceil(percentile / 100.0 * samples.size()) - 1;
                return samples.isEmpty() ? 0 : samples.get(Math.max(0, Math.min(samples.size() - 1, index))) / 1e6;
            }
            try {
                return (long) PERCENTILE.invoke(histogram, percentile) / 1e6;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized double maxMs() {
            if (histogram == null) {
                sort();
                return samples.isEmpty() ? 0 : samples.get(samples.size() - 1) / 1e6;
            }
            return call(MAX) / 1e6;
        }

        private void sort() {
            if (!sorted) {
                Collections.sort(samples);
                sorted = true;
            }
        }

        private long call(MethodHandle handle) {
            try {
                return (long) handle.invoke(histogram);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * What the measured window cost: CPU of the service and of PostgreSQL from /proc/PID/stat (utime + stime;
     * for PostgreSQL also the postmaster's cutime + cstime, where the CPU of backends that exited during the
     * window ends up), and pg_stat_database / WAL deltas of the service's database through psql.
     */
    static final class Cost {
        static final double TICK_MS = 1000.0 / clockTicks();
        final Long servicePid;
        final Long pgPid;
        final Integer pgUid;
        final String db;

        Cost(Long servicePid, Long pgPid, String pgUser, String db) {
            this.servicePid = servicePid;
            this.pgPid = pgPid;
            this.pgUid = pgPid == null ? uid(pgUser) : null;
            this.db = db;
            if (servicePid == null) {
                System.out.println("cost: no service process found (give --service-pid): service CPU not measured");
            }
            if (pgPid == null && pgUid == null) {
                System.out.println("cost: no user " + pgUser + " (give --pg-pid or --pg-user): PostgreSQL CPU not measured");
            }
            if (db == null) {
                System.out.println("cost: no --db: commits, rows and WAL not measured");
            }
        }

        record Snapshot(long nanos, long serviceTicks, long pgTicks, int pgProcesses, long selfTicks, long machineBusy,
                long machineTotal, long commits, long rowsWritten, long walBytes) {}

        Snapshot snapshot() {
            long serviceTicks = servicePid == null ? -1 : ticks(servicePid, false);
            long pgTicks = 0;
            int pgProcesses = 0;
            if (pgPid != null || pgUid != null) {
                Map<Long, long[]> stats = new HashMap<>(); // pid -> ppid, uid, utime+stime, cutime+cstime
                for (long pid : pids()) {
                    long[] s = stat(pid);
                    if (s != null) {
                        stats.put(pid, s);
                    }
                }
                for (Map.Entry<Long, long[]> e : stats.entrySet()) {
                    long[] s = e.getValue();
                    boolean member = pgPid != null ? e.getKey().equals(pgPid) || s[0] == pgPid : s[1] == pgUid;
                    if (!member) {
                        continue;
                    }
                    pgProcesses++;
                    pgTicks += s[2];
                    long[] parent = stats.get(s[0]);
                    boolean postmaster = pgPid != null ? e.getKey().equals(pgPid) : parent == null || parent[1] != pgUid;
                    if (postmaster) {
                        pgTicks += s[3]; // reaped backends
                    }
                }
            } else {
                pgTicks = -1;
            }
            long[] machine = machine();
            long commits = -1, rows = -1, wal = -1;
            if (db != null) {
                String[] out = psql(db, "select xact_commit, tup_inserted + tup_updated + tup_deleted,"
                        + " pg_current_wal_lsn() from pg_stat_database where datname = current_database()").split("\\|");
                if (out.length == 3) {
                    commits = Long.parseLong(out[0]);
                    rows = Long.parseLong(out[1]);
                    String[] lsn = out[2].split("/");
                    wal = (Long.parseLong(lsn[0], 16) << 32) | Long.parseLong(lsn[1], 16);
                } else {
                    System.out.println("cost: pg_stat_database not read: " + String.join("|", out));
                }
            }
            return new Snapshot(System.nanoTime(), serviceTicks, pgTicks, pgProcesses, ticks(ProcessHandle.current().pid(), false),
                    machine[0], machine[1], commits, rows, wal);
        }

        Map<String, Double> perOrder(Snapshot a, Snapshot b, long routed) {
            Map<String, Double> figures = new java.util.LinkedHashMap<>();
            if (routed == 0) {
                return figures;
            }
            if (a.serviceTicks() >= 0 && b.serviceTicks() >= 0) {
                figures.put("service_cpu_ms", (b.serviceTicks() - a.serviceTicks()) * TICK_MS / routed);
            }
            if (a.pgTicks() >= 0) {
                figures.put("pg_cpu_ms", (b.pgTicks() - a.pgTicks()) * TICK_MS / routed);
            }
            if (a.commits() >= 0 && b.commits() >= 0) {
                figures.put("commits", (b.commits() - a.commits()) / (double) routed);
                figures.put("rows_written", (b.rowsWritten() - a.rowsWritten()) / (double) routed);
                figures.put("wal_kb", (b.walBytes() - a.walBytes()) / 1024.0 / routed);
            }
            return figures;
        }

        void report(Snapshot a, Snapshot b, long routed, long requests, long subscriptions) {
            double seconds = (b.nanos() - a.nanos()) / 1e9;
            System.out.printf("%ncost per routed order (%d routed in %.1f s)%n", routed, seconds);
            if (routed == 0) {
                return;
            }
            if (a.serviceTicks() >= 0 && b.serviceTicks() >= 0) {
                System.out.printf("  service CPU        %8.2f ms   (pid %d, %.0f%% of a core)%n",
                        (b.serviceTicks() - a.serviceTicks()) * TICK_MS / routed, servicePid,
                        (b.serviceTicks() - a.serviceTicks()) * TICK_MS / 10 / seconds);
            }
            if (a.pgTicks() >= 0) {
                System.out.printf("  PostgreSQL CPU     %8.2f ms   (%d processes %s, %.0f%% of a core; the whole cluster)%n",
                        (b.pgTicks() - a.pgTicks()) * TICK_MS / routed, b.pgProcesses(),
                        pgPid != null ? "under postmaster " + pgPid : "of uid " + pgUid,
                        (b.pgTicks() - a.pgTicks()) * TICK_MS / 10 / seconds);
            }
            System.out.printf("  generator CPU      %8.2f ms   (this JVM)%n",
                    (b.selfTicks() - a.selfTicks()) * TICK_MS / routed);
            if (a.commits() >= 0 && b.commits() >= 0) {
                System.out.printf("  commits            %8.2f      (xact_commit of %s)%n",
                        (b.commits() - a.commits()) / (double) routed, db.replaceAll(".*/", ""));
                System.out.printf("  rows written       %8.2f      (tup_inserted + tup_updated + tup_deleted)%n",
                        (b.rowsWritten() - a.rowsWritten()) / (double) routed);
                System.out.printf("  WAL                %8.2f KB   (pg_current_wal_lsn, the whole cluster)%n",
                        (b.walBytes() - a.walBytes()) / 1024.0 / routed);
            }
            System.out.printf("  GraphQL requests   %8.2f      (HTTP)%s%n", requests / (double) routed,
                    subscriptions == 0 ? "" : String.format(" + %.2f subscriptions", subscriptions / (double) routed));
            long total = b.machineTotal() - a.machineTotal();
            if (total > 0) {
                System.out.printf("  machine busy       %8.0f %%    (all cores, anything running)%n",
                        100.0 * (b.machineBusy() - a.machineBusy()) / total);
            }
        }

        /** The process listening on the TCP port (this network namespace), by the socket inode in its fds. */
        static Long listener(int port) {
            try {
                List<String> inodes = new ArrayList<>();
                for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                    Path path = Path.of(table);
                    if (!Files.exists(path)) {
                        continue;
                    }
                    for (String line : Files.readAllLines(path)) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                }
                if (inodes.isEmpty()) {
                    return null;
                }
                for (long pid : pids()) {
                    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                        for (Path fd : (Iterable<Path>) fds::iterator) {
                            try {
                                if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                    return pid;
                                }
                            } catch (IOException e) {
                                // the fd closed meanwhile
                            }
                        }
                    } catch (IOException e) {
                        // the process ended or is not ours to read
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return null;
        }

        static List<Long> pids() {
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::valueOf)
                        .toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        /** ppid, uid, utime + stime, cutime + cstime (clock ticks), or null when the process is gone. */
        static long[] stat(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                int uid = (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid");
                return new long[] {Long.parseLong(f[1]), uid, Long.parseLong(f[11]) + Long.parseLong(f[12]),
                        Long.parseLong(f[13]) + Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static long ticks(long pid, boolean children) {
            long[] s = stat(pid);
            return s == null ? -1 : s[2] + (children ? s[3] : 0);
        }

        /** Busy and total jiffies of the whole machine (/proc/stat). */
        static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        static Integer uid(String user) {
            try {
                for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                    String[] f = line.split(":");
                    if (f.length > 2 && f[0].equals(user)) {
                        return Integer.valueOf(f[2]);
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return null;
        }

        static long clockTicks() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                getconf.waitFor();
                return Long.parseLong(out);
            } catch (Exception e) {
                return 100;
            }
        }

        static String psql(String db, String sql) {
            try {
                Process psql = new ProcessBuilder("psql", db, "-XAtc", sql).redirectErrorStream(true).start();
                String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                psql.waitFor();
                return out;
            } catch (Exception e) {
                return e.toString();
            }
        }
    }
}

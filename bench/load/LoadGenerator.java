import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storefront-like load against a running service, through /graphql as the clients use it: each of N client
 * threads places an order (1-4 lines, Zipf-skewed SKUs of the demo catalogue, ~3% of lines on the SKU that is
 * out of stock), confirms its payment, then polls the order until the routing worker has routed it.
 * No dependencies: `java bench/load/LoadGenerator.java --url http://localhost:8080/graphql --clients 16
 * [--duration 60] [--warmup 10] [--poll-ms 50] [--db postgresql://localhost:5432/oms_dev] [--restock yes|no|only]`.
 * Prints orders per second and latency percentiles per operation; errors by code. Tokens are signed with the
 * dev key pair (dev-keys/), which the dev profile (and the drills' prod-profile runs) trust.
 */
public class LoadGenerator {
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern LOCATION = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"code\":\"([^\"]+)\",\"countries\":\\[([^]]*)]");

    static final String PLACE = "mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id } }";
    static final String PAY = "mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: \"load\") { status } }";
    static final String POLL = "query($id: ID!) { order(id: $id) { status } }";

    final URI url;
    final int clients;
    final Duration duration;
    final Duration warmup;
    final long pollMillis;
    final String db;
    final String restock;
    final PrivateKey key;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final LongAdder placed = new LongAdder();
    final LongAdder routed = new LongAdder();
    final AtomicLong measureFrom = new AtomicLong();
    volatile boolean stop;

    LoadGenerator(Map<String, String> args) throws Exception {
        url = URI.create(args.getOrDefault("url", "http://localhost:8080/graphql"));
        clients = Integer.parseInt(args.getOrDefault("clients", "16"));
        duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("duration", "60")));
        warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "10")));
        pollMillis = Long.parseLong(args.getOrDefault("poll-ms", "50"));
        db = args.get("db");
        restock = args.getOrDefault("restock", "yes");
        String pem = Files.readString(Path.of(args.getOrDefault("key", "dev-keys/jwt-private.pem")))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new LoadGenerator(args).run();
    }

    void run() throws Exception {
        if (!restock.equals("no")) {
            restock();
        }
        if (restock.equals("only")) {
            return;
        }
        System.out.printf("load: %d clients, %ds (+%ds warm-up) against %s%n", clients, duration.toSeconds(),
                warmup.toSeconds(), url);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    client(client);
                } finally {
                    done.countDown();
                }
            }, "client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        long start = System.nanoTime();
        Thread.sleep(warmup.toMillis());
        latencies.clear();
        errors.clear();
        placed.reset();
        routed.reset();
        long measured = System.nanoTime();
        measureFrom.set(measured);
        java.time.Instant measuredAt = java.time.Instant.now();
        Thread.sleep(duration.toMillis());
        stop = true;
        double seconds = (System.nanoTime() - measured) / 1e9;
        done.await();
        report(seconds);
        if (db != null) {
            serverSide(measuredAt);
        }
    }

    /**
     * Payment to routed as the service saw it (audit trail: PAYMENT_CONFIRMED to the ORDER_ROUTED that left
     * PAID), free of the client's polling interval; needs psql and --db postgresql://host:port/database.
     */
    void serverSide(java.time.Instant from) throws Exception {
        String sql = "select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),"
                + " round(percentile_cont(0.95) within group (order by ms)::numeric, 1),"
                + " round(percentile_cont(0.99) within group (order by ms)::numeric, 1), round(max(ms)::numeric, 1)"
                + " from (select extract(epoch from r.occurred_at - p.occurred_at) * 1000 as ms"
                + " from order_events p join order_events r on r.order_id = p.order_id and r.type = 'ORDER_ROUTED'"
                + " and r.from_status = 'PAID' where p.type = 'PAYMENT_CONFIRMED' and p.occurred_at >= '" + from + "') x";
        Process psql = new ProcessBuilder("psql", db, "-Atc", sql).redirectErrorStream(true).start();
        String[] out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\|");
        psql.waitFor();
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

    void client(int client) {
        Random random = new Random(client * 7919L);
        String customer = token("load-customer-" + client + "-" + System.nanoTime(), "customer", null);
        String payments = token("psp-load", "payments", null);
        long sequence = 0;
        while (!stop) {
            try {
                String orderId = place(customer, random, client, sequence++);
                if (orderId == null) {
                    continue;
                }
                long paidAt = System.nanoTime();
                String paid = timed("confirmPayment", payments, PAY, "{\"id\":\"" + orderId + "\"}");
                if (error(paid)) {
                    continue;
                }
                awaitRouted(customer, orderId, paidAt);
            } catch (Exception e) {
                count(e.getClass().getSimpleName());
                sleep(200); // the service is down or restarting: a real client backs off too
            }
        }
    }

    String place(String customer, Random random, int client, long sequence) throws Exception {
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
        String body = timed("placeOrder", customer, PLACE, String.format("{\"in\":{\"idempotencyKey\":"
                + "\"load-%d-%d-%d\",\"email\":\"load@example.com\",\"currency\":\"USD\",\"shippingAddress\":"
                + "{\"name\":\"Load\",\"line1\":\"1 Main St\",\"city\":\"Boston\",\"postalCode\":\"02108\","
                + "\"country\":\"US\",\"latitude\":42.36,\"longitude\":-71.06},\"lines\":[%s]}}", client,
                System.nanoTime(), sequence, items));
        if (error(body)) {
            return null;
        }
        placed.increment();
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    void awaitRouted(String customer, String orderId, long paidAt) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stop || System.nanoTime() < deadline) {
            String body = timed("poll order", customer, POLL, "{\"id\":\"" + orderId + "\"}");
            Matcher m = STATUS.matcher(body);
            if (m.find() && !m.group(1).equals("PAID")) {
                if (paidAt >= measureFrom.get()) {
                    record("payment-to-routed", System.nanoTime() - paidAt);
                    routed.increment();
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                count("NOT_ROUTED_IN_30S");
                return;
            }
            sleep(pollMillis);
        }
    }

    String timed(String operation, String token, String query, String variables) throws Exception {
        long start = System.nanoTime();
        String body = post(token, query, variables);
        if (start >= measureFrom.get() && measureFrom.get() > 0) {
            record(operation, System.nanoTime() - start);
        }
        return body;
    }

    String post(String token, String query) throws Exception {
        return post(token, query, "{}");
    }

    /** Like a real client: a constant document (parsed and validated once, then cached) and its variables. */
    String post(String token, String query, String variables) throws Exception {
        String json = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"variables\":"
                + variables + "}";
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            count("HTTP_" + response.statusCode());
            return "{\"errors\":[{\"extensions\":{\"code\":\"HTTP\"}}]}";
        }
        return response.body();
    }

    boolean error(String body) {
        if (!body.contains("\"errors\"")) {
            return false;
        }
        Matcher m = CODE.matcher(body);
        count(m.find() ? m.group(1) : "NO_CODE");
        return true;
    }

    void record(String operation, long nanos) {
        latencies.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(nanos);
    }

    void count(String what) {
        if (measureFrom.get() > 0) {
            errors.computeIfAbsent(what, w -> new LongAdder()).increment();
        }
    }

    void report(double seconds) {
        System.out.printf("%nmeasured %.1f s: %d orders placed (%.1f/s), %d routed (%.1f/s)%n", seconds, placed.sum(),
                placed.sum() / seconds, routed.sum(), routed.sum() / seconds);
        System.out.printf("%-20s %8s %8s %8s %8s %8s%n", "latency (ms)", "count", "p50", "p95", "p99", "max");
        for (String operation : List.of("placeOrder", "confirmPayment", "poll order", "payment-to-routed")) {
            List<Long> values = new ArrayList<>(latencies.getOrDefault(operation, new ConcurrentLinkedQueue<>()));
            Collections.sort(values);
            if (values.isEmpty()) {
                System.out.printf("%-20s %8d%n", operation, 0);
                continue;
            }
            System.out.printf("%-20s %8d %8.1f %8.1f %8.1f %8.1f%n", operation, values.size(), pct(values, 50),
                    pct(values, 95), pct(values, 99), values.get(values.size() - 1) / 1e6);
        }
        System.out.println("errors by code: " + (errors.isEmpty() ? "none" : new java.util.TreeMap<>(errors)));
        System.out.printf("RESULT clients=%d routed_per_s=%.1f placed_per_s=%.1f%n", clients, routed.sum() / seconds,
                placed.sum() / seconds);
    }

    static double pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
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
}

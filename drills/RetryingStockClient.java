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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock client that retries: it sends receipts, counts and stock on its way, each with an idempotency key of its
 * own, gives up waiting for an answer after a short, random time, and sends the same request with the same key again
 * on any error or time-out until it gets an answer. It prints, per level, the units it was told were added (each
 * distinct request once), so that the drill can compare them with the database.
 *
 * <p>Usage: {@code java drills/RetryingStockClient.java URL LOCATION_ID[,LOCATION_ID...] SKU[,SKU...] CLIENTS SECONDS}
 */
public class RetryingStockClient {
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String token;
    private final Map<String, AtomicLong> added = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder refused = new LongAdder();

    RetryingStockClient(String url, PrivateKey key, String audience) throws Exception {
        this.url = url;
        this.token = token(key, audience, "drill-stock", "admin");
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<String> locations = List.of(args[1].split(","));
        List<String> skus = List.of(args[2].split(","));
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(Path.of(System.getProperty("key",
                        "dev-keys/jwt-private.pem")))
                .replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        RetryingStockClient client = new RetryingStockClient(url, key, System.getenv("OMS_JWT_AUDIENCE"));
        ExecutorService pool = Executors.newFixedThreadPool(clients + 2);
        Instant end = Instant.now().plusSeconds(seconds);
        // Two shoppers keep backorders of these SKUs waiting, so that fills race the stock changes.
        for (int s = 0; s < 2; s++) {
            long seed = 1000L + s;
            pool.submit(() -> client.shop(new Random(seed), skus, end, key));
        }
        for (int c = 0; c < clients; c++) {
            long seed = c * 31L + 7;
            pool.submit(() -> client.run(new Random(seed), locations, skus, end));
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 600L, TimeUnit.SECONDS);
        System.out.printf("requests=%d retries=%d timeouts=%d refused=%d%n", client.requests.sum(),
                client.retries.sum(), client.timeouts.sum(), client.refused.sum());
        client.added.forEach((level, units) -> System.out.printf("ADDED %s %d%n", level, units.get()));
    }

    void run(Random random, List<String> locations, List<String> skus, Instant end) {
        while (Instant.now().isBefore(end)) {
            String location = locations.get(random.nextInt(locations.size()));
            String sku = skus.get(random.nextInt(skus.size()));
            String key = "drill-" + UUID.randomUUID();
            int kind = random.nextInt(10);
            int quantity = 1 + random.nextInt(5);
            String query;
            int delta;
            if (kind < 5) {
                query = String.format("mutation { receiveStock(locationId: \"%s\", sku: \"%s\", quantity: %d,"
                        + " idempotencyKey: \"%s\") { inventoryLevel { onHand } } }", location, sku, quantity, key);
                delta = quantity;
            } else if (kind < 8) {
                int signed = kind == 7 ? -quantity : quantity;
                query = String.format("mutation { adjustInventory(locationId: \"%s\", sku: \"%s\", delta: %d,"
                        + " reason: \"drill count\", idempotencyKey: \"%s\") { onHand } }", location, sku, signed, key);
                delta = signed;
            } else {
                query = String.format("mutation { addIncomingStock(locationId: \"%s\", sku: \"%s\", quantity: %d,"
                        + " expectedAt: \"%s\", idempotencyKey: \"%s\") { onHand } }", location, sku, quantity,
                        Instant.now().plus(Duration.ofDays(1 + random.nextInt(9))), key);
                delta = 0;
            }
            boolean done = untilAnswered(random, query);
            if (done && delta != 0) {
                added.computeIfAbsent(location + "/" + sku, k -> new AtomicLong()).addAndGet(delta);
            }
        }
    }

    /** Places and pays orders of the drill's SKUs (each request retried with its key like the stock requests). */
    void shop(Random random, List<String> skus, Instant end, PrivateKey key) {
        try {
            String customer = token(key, System.getenv("OMS_JWT_AUDIENCE"), "drill-shopper-" + random.nextInt(),
                    "customer");
            String payments = token(key, System.getenv("OMS_JWT_AUDIENCE"), "drill-psp", "payments");
            Pattern id = Pattern.compile("\"id\"\s*:\s*\"([0-9a-f-]{36})\"");
            while (Instant.now().isBefore(end)) {
                String sku = skus.get(random.nextInt(skus.size()));
                String placed = answer(random, customer, String.format("mutation { placeOrder(input: {"
                        + " idempotencyKey: \"%s\", currency: \"USD\", email: \"drill@example.com\","
                        + " shippingAddress: {name: \"D\", line1: \"1 Main St\", city: \"Boston\","
                        + " postalCode: \"02108\", country: \"US\"},"
                        + " lines: [{sku: \"%s\", quantity: %d, unitPrice: 5}]}) { id } }",
                        UUID.randomUUID(), sku, 1 + random.nextInt(3)));
                Matcher m = placed == null ? null : id.matcher(placed);
                if (m != null && m.find()) {
                    answer(random, payments, String.format("mutation { confirmPayment(orderId: \"%s\","
                            + " paymentReference: \"drill\", idempotencyKey: \"%s\") { id } }", m.group(1),
                            UUID.randomUUID()));
                }
                sleep(50 + random.nextInt(200));
            }
        } catch (Exception e) {
            System.out.println("shopper stopped: " + e);
        }
    }

    /** True when the service answered with data, false when it refused the request for good (a business error). */
    boolean untilAnswered(Random random, String query) {
        return answer(random, token, query) != null;
    }

    /** The answer's body, or null when the service refused the request for good (a business error). */
    String answer(Random random, String bearer, String query) {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (attempt > 0) {
                retries.increment();
            }
            requests.increment();
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMillis(20 + random.nextInt(400)))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":" + quote(query) + "}"))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher code = ERROR_CODE.matcher(response.body());
                if (response.statusCode() == 200 && !code.find()) {
                    return response.body();
                }
                if (response.statusCode() == 200 && List.of("VALIDATION", "INSUFFICIENT_QUANTITY", "FORBIDDEN")
                        .contains(code.group(1))) {
                    refused.increment();
                    return null;
                }
            } catch (java.net.http.HttpTimeoutException e) {
                timeouts.increment();
            } catch (Exception e) {
                // Refused connection, reset: try again, with the same key.
            }
            sleep(20 + random.nextInt(100));
        }
        throw new IllegalStateException("no answer after 200 attempts: " + query);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String token(PrivateKey key, String audience, String subject, String role) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64(String.format("{\"iss\":\"https://oms.dev/issuer\",\"sub\":\"%s\",\"upn\":\"%s\","
                + "\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d%s}", subject, subject, role, now, now + 86_400,
                audience == null || audience.isBlank() ? "" : ",\"aud\":\"" + audience + "\""));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Load generator for bench/run.sh (single-file Java: java -cp postgresql.jar bench/CommandLoad.java ...).
 * Each client loops a realistic order flow over HTTP with real tokens: place a 1-3 line order, pay, ship,
 * confirm receipt (with unpaid=N, every Nth order is left unpaid for the payment timer), each order by one of
 * buyers=N buyers (1000). Prints one line of
 * key=value figures. With lag=true it also measures, for every placement, how
 * long the read model takes to show the order at the version the command acknowledged: one poller thread asks
 * order_view for every pending order in one query every 2 ms (one query per client per millisecond would load
 * PostgreSQL more than the service does, and distort what it measures).
 */
public class CommandLoad {

    static final Pattern ORDER_ID = Pattern.compile("\"order_id\":\"([^\"]+)\"");
    static final Pattern PAY = Pattern.compile("\"pay_amount\":\"([^\"]+)\"");
    static final Pattern SKU = Pattern.compile("\"sku_id\":\"([^\"]+)\"");
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    /** acks=FILE: every acknowledged order command as "order_id version", for the fault drills' check. */
    static final ConcurrentLinkedQueue<String> ACKS = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        String base = arg(args, "base", "http://localhost:8080");
        int clients = Integer.parseInt(arg(args, "clients", "8"));
        int seconds = Integer.parseInt(arg(args, "seconds", "20"));
        boolean lag = Boolean.parseBoolean(arg(args, "lag", "false"));
        double ratePerClient = Double.parseDouble(arg(args, "rate", "0")); // orders/s per client, 0 = flat out
        String jdbc = arg(args, "jdbc", "jdbc:postgresql://127.0.0.1:5432/orders_bench");
        String acks = arg(args, "acks", "");
        // unpaid=N: every Nth order is placed and left unpaid, for the payment timer to expire (0: none)
        int unpaidEvery = Integer.parseInt(arg(args, "unpaid", "0"));
        // checkout=true: each client, a buyer of its own, puts 3 items from 2 shops (one with a promotion) in its
        // cart, then previews and submits a checkout of the cart
        boolean checkout = Boolean.parseBoolean(arg(args, "checkout", "false"));
        AtomicLong placements = new AtomicLong();
        // buyers=N: each order is placed (and its receipt confirmed) by one of N buyers picked at random, as a
        // shop's orders come from many buyers. With one buyer for the whole run, what the service keeps per buyer
        // (member spending, points earned, both snapshotted every 100 orders) grew with every order of the run.
        int buyerCount = Integer.parseInt(arg(args, "buyers", "1000"));
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < buyerCount; i++) {
            buyers.add(mint("bench-buyer-" + i));
        }
        String seller = System.getenv("SELLER_TOKEN");
        String gateway = System.getenv("GATEWAY_TOKEN");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // A catalog of 20 products with 3 SKUs each and stock for the whole run.
        List<String> skus = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String body = "{\"name\":\"Bench product " + p + "\",\"skus\":["
                    + "{\"sku_code\":\"A\",\"price\":\"12.50\",\"stock\":100000000},"
                    + "{\"sku_code\":\"B\",\"price\":\"3.99\",\"stock\":100000000},"
                    + "{\"sku_code\":\"C\",\"price\":\"88.00\",\"stock\":100000000}]}";
            String created = post(http, base + "/api/v1/products", seller, body).body();
            Matcher m = SKU.matcher(created);
            while (m.find()) {
                skus.add(m.group(1));
            }
        }

        // For checkouts: a second shop's catalog, and the first shop's 满100减10 running through the run.
        List<String> otherSkus = new ArrayList<>();
        if (checkout) {
            String seller2 = System.getenv("SELLER2_TOKEN");
            for (int p = 0; p < 10; p++) {
                String created = post(http, base + "/api/v1/products", seller2, "{\"name\":\"Bench shop 2 product "
                        + p + "\",\"skus\":[{\"sku_code\":\"A\",\"price\":\"25.00\",\"stock\":100000000}]}").body();
                Matcher m = SKU.matcher(created);
                while (m.find()) {
                    otherSkus.add(m.group(1));
                }
            }
            java.time.Instant now = java.time.Instant.now();
            post(http, base + "/api/v1/promotions", seller, "{\"name\":\"满100减10\",\"type\":\"full_reduction\","
                    + "\"starts_at\":\"" + now.minusSeconds(3600) + "\",\"ends_at\":\"" + now.plusSeconds(86400)
                    + "\",\"tiers\":[{\"threshold_amount\":\"100.00\",\"reduction\":\"10.00\"}]}");
        }
        ConcurrentLinkedQueue<Long> checkoutLatencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> cartLatencies = new ConcurrentLinkedQueue<>();
        AtomicLong checkouts = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        AtomicLong commands = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(clients);
        long cpuBefore = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long waitBefore = coreWaitMicros();
        long start = System.nanoTime();
        LagProbe probe = lag ? new LagProbe(jdbc, lags, running) : null;
        if (probe != null) {
            probe.start();
            probe.ready.await(); // connected and warm: its own start-up must not count as lag
        }
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    if (ratePerClient > 0) {
                        // Paced clients start at random points of their period, as independent users would; all
                        // starting at once sent every client's burst in the same millisecond each period.
                        Thread.sleep(random.nextLong((long) (1000 / ratePerClient) + 1));
                    }
                    // Each checkout client is a buyer of its own with a cart of its own.
                    String cartBuyer = checkout ? mint("bench-cart-buyer-" + Thread.currentThread().getId()) : null;
                    while (running.get() && checkout) {
                        long filling = System.nanoTime();
                        boolean filled = true;
                        for (String item : List.of("{\"sku_id\":\"" + skus.get(random.nextInt(skus.size()))
                                        + "\",\"quantity\":2}",
                                "{\"sku_id\":\"" + skus.get(random.nextInt(skus.size())) + "\",\"quantity\":1}",
                                "{\"sku_id\":\"" + otherSkus.get(random.nextInt(otherSkus.size()))
                                        + "\",\"quantity\":1}")) {
                            filled &= timed(http, base + "/api/v1/cart/items", cartBuyer, item, latencies, commands,
                                    errors) != null;
                        }
                        if (!filled) {
                            continue;
                        }
                        cartLatencies.add(System.nanoTime() - filling);
                        long began = System.nanoTime();
                        String body = "{\"source\":\"cart\",\"receiver\":{\"name\":\"张三\",\"phone\":\"13800138000\","
                                + "\"province\":\"广东省\",\"city\":\"深圳市\",\"district\":\"南山区\","
                                + "\"address\":\"科技园路1号\",\"region_code\":\"440305\"}";
                        HttpResponse<String> preview = timed(http, base + "/api/v1/checkouts/preview", cartBuyer,
                                body + "}", latencies, commands, errors);
                        String total = null; // the last pay_amount: the whole checkout's, after each shop's
                        for (Matcher pay = PAY.matcher(preview == null ? "" : preview.body()); pay.find(); ) {
                            total = pay.group(1);
                        }
                        if (total == null) {
                            continue;
                        }
                        if (timed(http, base + "/api/v1/checkouts", cartBuyer, body + ",\"expected_pay_amount\":\""
                                + total + "\"}", latencies, commands, errors) != null) {
                            checkouts.incrementAndGet();
                            checkoutLatencies.add(System.nanoTime() - began);
                        }
                    }
                    while (running.get()) {
                        long loopStart = System.nanoTime();
                        StringBuilder items = new StringBuilder();
                        int lines = 1 + random.nextInt(3);
                        for (int i = 0; i < lines; i++) {
                            items.append(i == 0 ? "" : ",").append("{\"sku_id\":\"")
                                    .append(skus.get(random.nextInt(skus.size()))).append("\",\"quantity\":")
                                    .append(1 + random.nextInt(3)).append('}');
                        }
                        // Distinct SKUs per order are not required: the service merges repeated ones.
                        String order = "{\"items\":[" + items + "],\"receiver\":{\"name\":\"张三\",\"phone\":\"1380013"
                                + (1000 + random.nextInt(9000)) + "\",\"province\":\"广东省\",\"city\":\"深圳市\","
                                + "\"district\":\"南山区\",\"address\":\"科技园路1号\"}}";
                        String buyer = buyers.get(random.nextInt(buyers.size()));
                        HttpResponse<String> placed = timed(http, base + "/api/v1/orders", buyer, order, latencies,
                                commands, errors);
                        long acked = System.nanoTime();
                        if (placed == null) {
                            continue;
                        }
                        Matcher id = ORDER_ID.matcher(placed.body());
                        Matcher pay = PAY.matcher(placed.body());
                        if (!id.find() || !pay.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        String orderId = id.group(1);
                        if (probe != null) {
                            Matcher v = VERSION.matcher(placed.body());
                            probe.expect(orderId, v.find() ? Long.parseLong(v.group(1)) : 0, acked);
                        }
                        boolean leftUnpaid = unpaidEvery > 0 && placements.incrementAndGet() % unpaidEvery == 0;
                        if (!leftUnpaid) {
                            String path = base + "/api/v1/orders/" + orderId;
                            // A refused step ends the order's flow: the next one would only be refused too.
                            boolean ok = timed(http, path + "/pay", gateway, "{\"amount\":\"" + pay.group(1)
                                    + "\",\"channel\":\"wechat\",\"transaction_no\":\"tx-" + orderId + "\"}", latencies,
                                    commands, errors) != null
                                    && timed(http, path + "/shipments", seller, "{\"carrier_code\":\"SF\","
                                    + "\"carrier_name\":\"顺丰\",\"tracking_no\":\"SF"
                                    + random.nextLong(1_000_000_000L) + "\"}", latencies, commands, errors) != null;
                            if (ok) {
                                timed(http, path + "/receipt", buyer, null, latencies, commands, errors);
                            }
                        }
                        if (ratePerClient > 0) {
                            long wait = (long) (1e9 / ratePerClient) - (System.nanoTime() - loopStart);
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(e);
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        if (probe != null) {
            probe.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!acks.isEmpty()) {
            java.nio.file.Files.write(java.nio.file.Path.of(acks), ACKS);
        }
        long cpuAfter = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long waitAfter = coreWaitMicros();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Long> lagSorted = new ArrayList<>(lags);
        Collections.sort(lagSorted);
        if (DETAIL && !lagSorted.isEmpty()) {
            System.err.printf(Locale.ROOT, "lag p75=%.1f p90=%.1f p95=%.1f max=%.1f%n", ms(lagSorted, 0.75),
                    ms(lagSorted, 0.90), ms(lagSorted, 0.95), ms(lagSorted, 1.0));
        }
        System.out.printf(Locale.ROOT, "commands=%d errors=%d seconds=%.1f cps=%.1f p50_ms=%.1f p95_ms=%.1f "
                        + "p99_ms=%.1f client_cpu_pct=%.0f lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f "
                        + "lag_samples=%d catchup_ms=%d core_wait_pct=%s error_statuses=%s%n",
                commands.get(), errors.get(), wall, commands.get() / wall, ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99), 100.0 * (cpuAfter - cpuBefore) / 1e9 / wall, ms(lagSorted, 0.50),
                ms(lagSorted, 0.99), ms(lagSorted, 1.0), lagSorted.size(), probe == null ? -1 : probe.catchUpMillis,
                waitBefore < 0 || waitAfter < 0 ? "-"
                        : String.format(Locale.ROOT, "%.0f", (waitAfter - waitBefore) / 1e4 / wall),
                ERROR_STATUSES.isEmpty() ? "-" : ERROR_STATUSES.entrySet().stream().map(e -> e.getKey() + "="
                        + e.getValue().get()).sorted().collect(java.util.stream.Collectors.joining(",")));
        if (checkout) {
            List<Long> pairs = new ArrayList<>(checkoutLatencies);
            Collections.sort(pairs);
            List<Long> carts = new ArrayList<>(cartLatencies);
            Collections.sort(carts);
            System.out.printf(Locale.ROOT, "checkouts=%d checkouts_per_s=%.1f checkout_p50_ms=%.1f "
                    + "checkout_p99_ms=%.1f cart_fill_p50_ms=%.1f cart_fill_p99_ms=%.1f%n", checkouts.get(),
                    checkouts.get() / wall, ms(pairs, 0.50), ms(pairs, 0.99), ms(carts, 0.50), ms(carts, 0.99));
        }
    }

    /**
     * The microseconds in which at least one runnable task of the machine waited for a core (Linux's pressure stall
     * information, /proc/pressure/cpu, "some"), or -1 where the kernel does not give it. Over a load it says how
     * contended the cores were: a processor's batch waits for one at each of its round trips, on both sides.
     */
    static long coreWaitMicros() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some ")) {
                    return Long.parseLong(line.substring(line.indexOf("total=") + "total=".length()).trim());
                }
            }
        } catch (java.io.IOException | RuntimeException unavailable) {
            // not Linux, or a kernel built without it
        }
        return -1;
    }

    /**
     * LAG_DETAIL set: every lag over that many milliseconds (150 if it is not a number) is printed with its time since
     * the start and the wall-clock time of its acknowledgement (to set beside a GC log).
     */
    static final boolean DETAIL = System.getenv("LAG_DETAIL") != null;
    static final long DETAIL_OVER_NANOS = 1_000_000L * (DETAIL && System.getenv("LAG_DETAIL").matches("\\d+")
            ? Long.parseLong(System.getenv("LAG_DETAIL")) : 150);
    static final long T0_WALL_MILLIS = System.currentTimeMillis();
    static final long T0 = System.nanoTime();

    /**
     * Watches order_view for placed orders: every 2 ms one query for all pending (order, version) pairs; an order's
     * lag is from its acknowledgement until the poll that first sees that version. Stops once the clients have
     * stopped and every pending order was seen (or 30 s after, for a fault drill).
     */
    static final class LagProbe extends Thread {
        private final String jdbc;
        private final ConcurrentLinkedQueue<Long> lags;
        private final AtomicBoolean running;
        private final java.util.concurrent.ConcurrentHashMap<String, long[]> pending =
                new java.util.concurrent.ConcurrentHashMap<>();
        final CountDownLatch ready = new CountDownLatch(1);
        /** From the clients' stop until the read model showed every acknowledged order; -1 if it never did. */
        volatile long catchUpMillis = -1;

        LagProbe(String jdbc, ConcurrentLinkedQueue<Long> lags, AtomicBoolean running) {
            super("lag-probe");
            this.jdbc = jdbc;
            this.lags = lags;
            this.running = running;
        }

        void expect(String orderId, long version, long ackedNanos) {
            pending.put(orderId, new long[] {version, ackedNanos});
        }

        @Override
        public void run() {
            long stoppedAt = 0;
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "");
                 PreparedStatement seen = db.prepareStatement(
                         "SELECT order_id, version FROM order_view WHERE order_id = ANY(?)")) {
                for (int i = 0; i < 20; i++) {
                    seen.setArray(1, db.createArrayOf("text", new Object[] {"warm-up"}));
                    seen.executeQuery().close();
                }
                ready.countDown();
                while (true) {
                    if (!running.get()) {
                        stoppedAt = stoppedAt == 0 ? System.nanoTime() : stoppedAt;
                        if (pending.isEmpty()) {
                            catchUpMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
                            return;
                        }
                        if (System.nanoTime() - stoppedAt > 30_000_000_000L) {
                            return;
                        }
                    }
                    if (!pending.isEmpty()) {
                        seen.setArray(1, db.createArrayOf("text", pending.keySet().toArray()));
                        try (ResultSet rs = seen.executeQuery()) {
                            long now = System.nanoTime();
                            while (rs.next()) {
                                long[] expected = pending.get(rs.getString(1));
                                if (expected != null && rs.getLong(2) >= expected[0]) {
                                    pending.remove(rs.getString(1));
                                    lags.add(now - expected[1]);
                                    if (DETAIL && now - expected[1] > DETAIL_OVER_NANOS) {
                                        System.err.printf(Locale.ROOT, "slow lag %.0f ms at +%.2f s (%tT.%<tL)%n",
                                                (now - expected[1]) / 1e6, (expected[1] - T0) / 1e9,
                                                T0_WALL_MILLIS + (expected[1] - T0) / 1_000_000);
                                    }
                                }
                            }
                        }
                    }
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                System.err.println("lag probe: " + e);
            } finally {
                ready.countDown();
            }
        }
    }

    static HttpResponse<String> timed(HttpClient http, String url, String token, String body,
                                      ConcurrentLinkedQueue<Long> latencies, AtomicLong commands, AtomicLong errors) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = post(http, url, token, body);
            latencies.add(System.nanoTime() - t0);
            if (r.statusCode() >= 300) {
                errors.incrementAndGet();
                ERROR_STATUSES.computeIfAbsent(r.statusCode() + ":" + problemCode(r.body()), k -> new AtomicLong())
                        .incrementAndGet();
                return null;
            }
            commands.incrementAndGet();
            Matcher id = ORDER_ID.matcher(r.body());
            Matcher version = VERSION.matcher(r.body());
            if (id.find() && version.find()) {
                ACKS.add(id.group(1) + " " + version.group(1));
            }
            return r;
        } catch (Exception e) {
            errors.incrementAndGet();
            pause(); // the service is down (a fault drill): do not spin
            return null;
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refused commands by status and problem code, e.g. "409:CONCURRENT_MODIFICATION". */
    static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> ERROR_STATUSES =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

    static String problemCode(String body) {
        Matcher m = CODE.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "-";
    }

    static HttpResponse<String> post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HS256 buyer token, signed as bin/mint-token signs (ORDERS_JWT_SECRET or the development secret). */
    static String mint(String sub) throws Exception {
        String secret = System.getenv().getOrDefault("ORDERS_JWT_SECRET",
                "orders-dev-secret-change-me-0123456789abcdef");
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"roles\":[\"buyer\"],\"iat\":" + now
                + ",\"exp\":" + (now + 86400) + "}").getBytes(UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload)
                .getBytes(UTF_8)));
    }

    static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}

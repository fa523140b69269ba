package app.tandem.bench;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load driver for complete LTI 1.3 launches against a running Tandem (docs/benchmarks.md).
 *
 * <p>It is a real platform: its own HTTP server publishes its JWKS (Tandem fetches it) and an OIDC auth endpoint
 * (an auto-posting form, for a person with a browser), and it registers itself, a district and a deployment
 * through Tandem's admin API. Each launch is what a browser does: {@code GET /lti/login} (302 to the platform's
 * auth endpoint, state cookie set), the platform's auth step done in-process (the id_token is signed at once
 * from the redirect's state and nonce), then {@code POST /lti/launch} with the state cookie, which must answer
 * 200 with the home page. A launch's latency covers both requests and the signing.
 *
 * <p>Open loop: launches start at a fixed rate, and latency counts from each launch's intended start, so a
 * stalled server is not hidden by a driver that waits for it (coordinated omission). Closed loop: N workers
 * launch back to back, for the maximum throughput. For both, the server process's CPU time (utime+stime from
 * /proc/PID/stat) over the measured window gives the server's CPU per launch.
 */
public final class LaunchLoad {
    private static final Pattern STATE_COOKIE = Pattern.compile("(lti_state_[A-Za-z0-9_-]+)=([A-Za-z0-9_-]+)");

    private final Map<String, String> opt;
    private final String tandem;
    private final HttpClient http;
    private final ExecutorService executor;
    private final RSAKey key = LtiTokens.newKey("bench-" + Long.toHexString(System.nanoTime()));
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private HttpServer platformServer;
    private String issuer;
    private final String clientId = "bench-tool";
    private final String deploymentId = "bench-deployment-1";
    private String registrationId;
    private final int users;
    private final int courses;
    private final Pid serverPid;
    private final DbTree dbTree;
    private final Duration timeout;

    private LaunchLoad(Map<String, String> opt) {
        this.opt = opt;
        this.tandem = stripSlash(opt.getOrDefault("tandem", "http://localhost:9380"));
        this.users = Integer.parseInt(opt.getOrDefault("users", "3000"));
        this.courses = Integer.parseInt(opt.getOrDefault("courses", "100"));
        this.timeout = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("timeout", "20")));
        this.executor = Executors.newFixedThreadPool(Integer.parseInt(opt.getOrDefault("threads", "4")), r -> {
            Thread t = new Thread(r, "launch-driver");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
        this.serverPid = Pid.from(opt);
        this.dbTree = DbTree.from(opt);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parseArgs(args);
        if (opt.containsKey("help")) {
            System.out.println("""
                    LaunchLoad: complete LTI 1.3 launches against a running Tandem.
                      --tandem URL            Tandem's base URL (default http://localhost:9380); must match TANDEM_BASE_URL
                      --admin-token T         Tandem's TANDEM_ADMIN_TOKEN (or env TANDEM_ADMIN_TOKEN)
                      --server-pid N | --pid-file F   the server process whose CPU time is measured
                      --db-pid-file F         PostgreSQL's postmaster.pid: its CPU (and its backends') is reported too
                      --mode open|closed|both (default both)
                      --rate R                open loop: launches per second (default 100)
                      --warmup S              open loop: warm-up seconds at the same rate, not recorded (default 30)
                      --duration S            open loop: measured seconds (default 60)
                      --concurrency N         closed loop: workers (default 4)
                      --closed-warmup S       closed loop: warm-up seconds (default 10)
                      --closed-duration S     closed loop: measured seconds (default 30)
                      --jit-warmup S          first, at most S seconds of closed-loop launches in 10 s slices, until the
                                              server's JIT compiler threads use under 3% of its CPU (default 180; 0: none)
                      --idle S                before anything: the server's CPU over S idle seconds (default 10; 0: skip)
                      --users N --courses N   roster size: people and courses launching (default 3000 / 100)
                      --threads N             driver's HTTP client threads (default 4)
                      --keep                  keep the bench registration afterwards (default: delete it)
                      --report FILE           also write the summary to FILE
                    """);
            return;
        }
        LaunchLoad load = new LaunchLoad(opt);
        StringBuilder report = new StringBuilder();
        try {
            load.startPlatform();
            load.register();
            load.smokeTest();
            report.append(load.idle());
            load.jitWarmup();
            String mode = opt.getOrDefault("mode", "both");
            if (mode.equals("open") || mode.equals("both")) {
                report.append(load.openLoop()).append('\n');
            }
            if (mode.equals("closed") || mode.equals("both")) {
                report.append(load.closedLoop()).append('\n');
            }
        } finally {
            load.cleanUp();
        }
        System.out.println();
        System.out.println(report);
        if (opt.containsKey("report")) {
            Files.writeString(Path.of(opt.get("report")), report.toString());
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- the platform

    private void startPlatform() throws IOException {
        platformServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        int port = platformServer.getAddress().getPort();
        issuer = "http://127.0.0.1:" + port + "/lms-" + runId;
        String jwks = new JWKSet(key.toPublicJWK()).toString(true);
        AtomicInteger jwksFetches = new AtomicInteger();
        platformServer.createContext("/lms-" + runId + "/jwks", ex -> {
            jwksFetches.incrementAndGet();
            respond(ex, 200, "application/json", jwks);
        });
        // The OIDC auth endpoint as a browser would meet it: the signed id_token in an auto-posting form. The load
        // itself does this step in-process (see launch()), so that its cost is the driver's, not an extra hop.
        platformServer.createContext("/lms-" + runId + "/auth", ex -> {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            int user = Math.floorMod(q.getOrDefault("login_hint", "0").hashCode(), users);
            String idToken = idToken(q.get("nonce"), user);
            String html = "<!doctype html><form method=post action=\"" + escape(q.get("redirect_uri")) + "\">"
                    + "<input type=hidden name=id_token value=\"" + idToken + "\">"
                    + "<input type=hidden name=state value=\"" + escape(q.get("state")) + "\"></form>"
                    + "<script>document.forms[0].submit()</script>";
            respond(ex, 200, "text/html", html);
        });
        platformServer.setExecutor(Executors.newFixedThreadPool(2));
        platformServer.start();
        System.out.println("platform " + issuer + " (JWKS kid " + key.getKeyID() + ")");
    }

    private void register() throws Exception {
        String token = Optional.ofNullable(opt.get("admin-token")).orElse(System.getenv("TANDEM_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--admin-token (or env TANDEM_ADMIN_TOKEN) is required");
        }
        String district = field(admin(token, "POST", "/api/admin/districts",
                "{\"name\":\"Bench district " + runId + "\"}", 201), "id");
        String base = issuer;
        registrationId = field(admin(token, "POST", "/api/admin/registrations",
                "{\"issuer\":\"" + issuer + "\",\"clientId\":\"" + clientId + "\",\"name\":\"Bench LMS " + runId + "\","
                        + "\"authEndpoint\":\"" + base + "/auth\",\"jwksUrl\":\"" + base + "/jwks\"}", 201), "id");
        admin(token, "POST", "/api/admin/registrations/" + registrationId + "/deployments",
                "{\"deploymentId\":\"" + deploymentId + "\",\"districtId\":\"" + district + "\"}", 201);
        adminToken = token;
        System.out.println("registered with Tandem: registration " + registrationId + ", district " + district);
    }

    private String adminToken;

    private void cleanUp() {
        if (registrationId != null && adminToken != null && !opt.containsKey("keep")) {
            long t0 = System.nanoTime();
            try {
                admin(adminToken, "DELETE", "/api/admin/registrations/" + registrationId, null, 204);
                System.out.printf(Locale.ROOT, "deleted the bench registration in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            } catch (Exception e) {
                System.out.println("could not delete the bench registration: " + e.getMessage());
            }
        }
        if (platformServer != null) {
            platformServer.stop(0);
        }
        executor.shutdownNow();
    }

    private String admin(String token, String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tandem + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private String idToken(String nonce, int user) {
        return LtiTokens.sign(key, LtiTokens.claims(issuer, clientId, deploymentId, nonce, tandem + "/app/home",
                LtiTokens.person(user, courses), Instant.now()));
    }

    // ---------------------------------------------------------------- one launch

    /** Why a launch failed, counted by kind. */
    static final class LaunchFailed extends RuntimeException {
        LaunchFailed(String kind) {
            super(kind, null, false, false);
        }
    }

    private CompletableFuture<Integer> launch(int user) {
        LtiTokens.Launch person = LtiTokens.person(user, courses);
        String login = tandem + "/lti/login?" + form(Map.of(
                "iss", issuer,
                "login_hint", "user-" + user,
                "target_link_uri", tandem + "/app/home",
                "lti_message_hint", "course-link-" + person.courseId(),
                "client_id", clientId,
                "lti_deployment_id", deploymentId));
        HttpRequest first = HttpRequest.newBuilder(URI.create(login)).timeout(timeout).GET().build();
        return http.sendAsync(first, HttpResponse.BodyHandlers.discarding()).thenComposeAsync(r -> {
            if (r.statusCode() != 302) {
                throw new LaunchFailed("login answered " + r.statusCode());
            }
            String location = r.headers().firstValue("Location").orElseThrow(() -> new LaunchFailed("login without Location"));
            if (!location.startsWith(issuer + "/auth?")) {
                throw new LaunchFailed("login redirected elsewhere");
            }
            Map<String, String> q = query(URI.create(location).getRawQuery());
            String cookie = r.headers().allValues("Set-Cookie").stream().map(STATE_COOKIE::matcher).filter(Matcher::find)
                    .map(m -> m.group(1) + "=" + m.group(2)).findFirst().orElseThrow(() -> new LaunchFailed("no state cookie"));
            // The platform's auth endpoint, in-process: a signed id_token for this person, this nonce.
            String idToken = LtiTokens.sign(key, LtiTokens.claims(issuer, clientId, deploymentId, q.get("nonce"),
                    tandem + "/app/home", person, Instant.now()));
            HttpRequest post = HttpRequest.newBuilder(URI.create(q.get("redirect_uri"))).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("id_token", idToken, "state", q.get("state")))))
                    .build();
            return http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        }, executor).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new LaunchFailed("launch answered " + r.statusCode());
            }
            if (!r.body().contains("Welcome,")) {
                throw new LaunchFailed("launch page without greeting");
            }
            return r.body().length();
        });
    }

    private void smokeTest() throws Exception {
        long t0 = System.nanoTime();
        int bytes = launch(0).get(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "first launch ok: home page %d characters, %.1f ms%n", bytes, (System.nanoTime() - t0) / 1e6);
    }

    // ---------------------------------------------------------------- open loop

    private String openLoop() throws Exception {
        double rate = Double.parseDouble(opt.getOrDefault("rate", "100"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "30"));
        int duration = Integer.parseInt(opt.getOrDefault("duration", "60"));
        System.out.printf(Locale.ROOT, "open loop: %.0f launches/s, warm-up %d s, measured %d s%n", rate, warmup, duration);
        if (warmup > 0) {
            runOpen(rate, warmup, null);
        }
        Window w = Window.start(serverPid, dbTree);
        Recorder rec = runOpen(rate, duration, w);
        return rec.report(String.format(Locale.ROOT, "OPEN LOOP %.0f launches/s for %d s (after %d s warm-up)", rate, duration, warmup), w);
    }

    private Recorder runOpen(double rate, int seconds, Window window) throws InterruptedException {
        long period = (long) (1e9 / rate);
        int total = (int) Math.round(rate * seconds);
        Recorder rec = new Recorder(total);
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger inFlight = new AtomicInteger();
        int maxInFlight = Integer.parseInt(opt.getOrDefault("max-in-flight", "2000"));
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                rec.fail("not sent: " + maxInFlight + " launches in flight");
                done.countDown();
                continue;
            }
            inFlight.incrementAndGet();
            int user = ThreadLocalRandom.current().nextInt(users);
            launch(user).whenComplete((bytes, err) -> {
                long end = System.nanoTime();
                inFlight.decrementAndGet();
                if (err == null) {
                    rec.ok(end - intended);
                } else {
                    rec.fail(kind(err));
                }
                done.countDown();
            });
        }
        long sendEnd = System.nanoTime();
        if (!done.await(timeout.toSeconds() * 2 + 10, TimeUnit.SECONDS)) {
            System.out.println("some launches did not finish in time");
        }
        if (window != null) {
            window.stop(sendEnd - start, System.nanoTime() - start);
        }
        return rec;
    }

    // ---------------------------------------------------------------- closed loop

    private String closedLoop() throws Exception {
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "4"));
        int warmup = Integer.parseInt(opt.getOrDefault("closed-warmup", "10"));
        int duration = Integer.parseInt(opt.getOrDefault("closed-duration", "30"));
        System.out.printf(Locale.ROOT, "closed loop: %d workers, warm-up %d s, measured %d s%n", concurrency, warmup, duration);
        if (warmup > 0) {
            runClosed(concurrency, warmup, null);
        }
        Window w = Window.start(serverPid, dbTree);
        Recorder rec = runClosed(concurrency, duration, w);
        return rec.report(String.format(Locale.ROOT, "CLOSED LOOP %d workers for %d s (after %d s warm-up)", concurrency, duration, warmup), w);
    }

    /** The server's CPU with no launches at all, for the fixed cost that the per-launch figures include. */
    private String idle() throws InterruptedException {
        int seconds = Integer.parseInt(opt.getOrDefault("idle", "10"));
        if (seconds <= 0 || serverPid == null) {
            return "";
        }
        Thread.sleep(2000);
        long t0 = serverPid.cpuTicks();
        long w0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double ms = (serverPid.cpuTicks() - t0) * 1000.0 / Pid.CLK_TCK;
        double wall = (System.nanoTime() - w0) / 1e9;
        String line = String.format(Locale.ROOT, "== IDLE server CPU (no launches, %.0f s): %.0f ms = %.1f ms per second%n%n",
                wall, ms, ms / wall);
        System.out.print(line);
        return line;
    }

    /**
     * Closed-loop launches in 10-second slices until the server's JIT has settled: its compiler threads use under
     * 3% of the server's CPU in a slice. Until then the CPU per launch mostly measures C1/C2 compiling.
     */
    private void jitWarmup() throws InterruptedException {
        int max = Integer.parseInt(opt.getOrDefault("jit-warmup", "180"));
        if (max <= 0 || serverPid == null) {
            return;
        }
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "4"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(max);
        int slice = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> t0 = serverPid.threadTicks();
            long s0 = serverPid.cpuTicks();
            Recorder rec = runClosed(concurrency, 10, null);
            long server = serverPid.cpuTicks() - s0;
            Map<String, Long> t1 = serverPid.threadTicks();
            long jit = Pid.byName(t0, t1).entrySet().stream().filter(e -> e.getKey().contains("Compiler"))
                    .mapToLong(Map.Entry::getValue).sum();
            double share = 100.0 * jit / Math.max(1, server);
            System.out.printf(Locale.ROOT, "JIT warm-up slice %d: %d launches, server CPU %d ms, JIT compiler threads %.1f%%%n",
                    ++slice, rec.count, server * 1000 / Pid.CLK_TCK, share);
            if (share < 3.0) {
                return;
            }
        }
        System.out.println("JIT warm-up: time is up before the compiler settled");
    }

    private Recorder runClosed(int concurrency, int seconds, Window window) throws InterruptedException {
        Recorder rec = new Recorder(1 << 16);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch workers = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(rec, end, workers);
        }
        workers.await(seconds + timeout.toSeconds() * 2 + 10, TimeUnit.SECONDS);
        if (window != null) {
            window.stop(end - start, System.nanoTime() - start);
        }
        return rec;
    }

    private void next(Recorder rec, long end, CountDownLatch workers) {
        long sent = System.nanoTime();
        if (sent >= end) {
            workers.countDown();
            return;
        }
        launch(ThreadLocalRandom.current().nextInt(users)).whenComplete((bytes, err) -> {
            if (err == null) {
                rec.ok(System.nanoTime() - sent);
            } else {
                rec.fail(kind(err));
            }
            next(rec, end, workers);
        });
    }

    private static String kind(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t instanceof LaunchFailed ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    // ---------------------------------------------------------------- measuring

    /** Latencies and errors of one run. */
    static final class Recorder {
        private long[] latencies;
        private int count;
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        Recorder(int expected) {
            latencies = new long[Math.max(16, expected)];
        }

        synchronized void ok(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void fail(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        synchronized String report(String title, Window w) {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            StringBuilder sb = new StringBuilder();
            sb.append("== ").append(title).append('\n');
            sb.append(String.format(Locale.ROOT, "launches ok %d, errors %d%s%n", count, errorCount,
                    errors.isEmpty() ? "" : " " + errors.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue().sum())
                            .collect(Collectors.joining("; ", "(", ")"))));
            sb.append(String.format(Locale.ROOT, "throughput %.1f launches/s over the %.1f s window%n",
                    count / (w.sendNanos / 1e9), w.sendNanos / 1e9));
            if (count > 0) {
                sb.append(String.format(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f%n",
                        pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[count - 1] / 1e6,
                        Arrays.stream(sorted).average().orElse(0) / 1e6));
                sb.append("latency histogram (ms):").append(histogram(sorted)).append('\n');
            }
            sb.append(w.describe(count));
            return sb.toString();
        }

        private static double pct(long[] sorted, double p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        private static String histogram(long[] sorted) {
            double[] bounds = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Double.MAX_VALUE};
            int[] counts = new int[bounds.length];
            for (long l : sorted) {
                double ms = l / 1e6;
                for (int b = 0; b < bounds.length; b++) {
                    if (ms <= bounds[b]) {
                        counts[b]++;
                        break;
                    }
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int b = 0; b < bounds.length; b++) {
                if (counts[b] > 0) {
                    sb.append(b == bounds.length - 1 ? "  >1000: " : "  <=" + (int) bounds[b] + ": ").append(counts[b]);
                }
            }
            return sb.toString();
        }
    }

    /** CPU time of the server, the driver and the whole machine over the measured window. */
    static final class Window {
        final Pid pid;
        final Map<String, Long> threads0;
        Map<String, Long> threads1;
        final long serverTicks0;
        final DbTree db;
        final long dbTicks0;
        long dbTicks1;
        final long driverCpu0;
        final long[] machine0;
        final String load0;
        long serverTicks1;
        long driverCpu1;
        long[] machine1;
        String load1;
        long sendNanos;
        long wallNanos;

        private Window(Pid pid, DbTree db) {
            this.pid = pid;
            this.db = db;
            this.dbTicks0 = db == null ? 0 : db.cpuTicks();
            this.threads0 = pid == null ? Map.of() : pid.threadTicks();
            this.serverTicks0 = pid == null ? -1 : pid.cpuTicks();
            this.driverCpu0 = driverCpuNanos();
            this.machine0 = machineTicks();
            this.load0 = loadAverage();
        }

        static Window start(Pid pid, DbTree db) {
            return new Window(pid, db);
        }

        void stop(long sendNanos, long wallNanos) {
            this.serverTicks1 = pid == null ? -1 : pid.cpuTicks();
            this.threads1 = pid == null ? Map.of() : pid.threadTicks();
            this.dbTicks1 = db == null ? 0 : db.cpuTicks();
            this.driverCpu1 = driverCpuNanos();
            this.machine1 = machineTicks();
            this.load1 = loadAverage();
            this.sendNanos = sendNanos;
            this.wallNanos = wallNanos;
        }

        String describe(int launches) {
            StringBuilder sb = new StringBuilder();
            double tick = 1000.0 / Pid.CLK_TCK;
            double wallS = wallNanos / 1e9;
            if (pid != null) {
                double serverMs = (serverTicks1 - serverTicks0) * tick;
                sb.append(String.format(Locale.ROOT,
                        "server CPU (pid %d): %.0f ms over %.1f s = %.2f cores; per launch %.3f ms (%.0f launches per CPU-second)%n",
                        pid.pid, serverMs, wallS, serverMs / 1000 / wallS, serverMs / Math.max(1, launches),
                        launches / Math.max(1e-9, serverMs / 1000)));
                Map<String, Long> delta = Pid.byName(threads0, threads1);
                long ended = (serverTicks1 - serverTicks0) - delta.values().stream().mapToLong(Long::longValue).sum();
                if (ended > 0) {
                    delta.put("(threads that ended)", ended);
                }
                sb.append("  server threads, ms per launch:");
                delta.entrySet().stream().filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .forEach(e -> sb.append(String.format(Locale.ROOT, "  %s %.3f", e.getKey(),
                                e.getValue() * tick / Math.max(1, launches))));
                sb.append('\n');
            } else {
                sb.append("server CPU: not measured (give --server-pid or --pid-file)\n");
            }
            double dbMs = 0;
            if (db != null) {
                dbMs = (dbTicks1 - dbTicks0) * tick;
                double serverMs = pid == null ? 0 : (serverTicks1 - serverTicks0) * tick;
                sb.append(String.format(Locale.ROOT,
                        "database CPU (postmaster %d and its backends): %.0f ms = %.2f cores; per launch %.3f ms; server + database %.3f ms%n",
                        db.postmaster(), dbMs, dbMs / 1000 / wallS, dbMs / Math.max(1, launches), (serverMs + dbMs) / Math.max(1, launches)));
            }
            double driverMs = (driverCpu1 - driverCpu0) / 1e6;
            sb.append(String.format(Locale.ROOT, "driver CPU: %.0f ms = %.2f cores; per launch %.3f ms%n",
                    driverMs, driverMs / 1000 / wallS, driverMs / Math.max(1, launches)));
            if (machine0 != null && machine1 != null) {
                long busy = machine1[0] - machine0[0];
                long all = machine1[1] - machine0[1];
                double cores = Runtime.getRuntime().availableProcessors();
                double busyMs = busy * tick;
                double serverMs = pid == null ? 0 : (serverTicks1 - serverTicks0) * tick;
                sb.append(String.format(Locale.ROOT,
                        "machine: %.0f%% busy of %d cores; other processes used %.2f cores (busy minus server, database and driver)%n",
                        100.0 * busy / Math.max(1, all), (int) cores,
                        Math.max(0, busyMs - serverMs - driverMs - dbMs) / 1000 / wallS));
            }
            sb.append("load average at start: ").append(load0).append("; at end: ").append(load1).append('\n');
            return sb.toString();
        }

        private static long driverCpuNanos() {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime();
            }
            return 0;
        }

        /** [busy, total] jiffies of all CPUs from /proc/stat. */
        private static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (Exception e) {
                return null;
            }
        }

        private static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException e) {
                return "?";
            }
        }
    }

    /**
     * A database server's CPU: the postmaster's own and reaped children's time (cutime+cstime), plus the live
     * children's (its backends).
     */
    record DbTree(long postmaster) {
        static DbTree from(Map<String, String> opt) {
            if (!opt.containsKey("db-pid-file")) {
                return null;
            }
            try {
                return new DbTree(Long.parseLong(Files.readAllLines(Path.of(opt.get("db-pid-file"))).get(0).trim()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the database pid: " + e.getMessage());
            }
        }

        long cpuTicks() {
            long total = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(name);
                        long ppid = Long.parseLong(f[1]);
                        if (pid == postmaster) {
                            total += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        } else if (ppid == postmaster) {
                            total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // gone meanwhile
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return total;
        }
    }

    /** A process whose CPU time is read from /proc/PID/stat. */
    record Pid(long pid) {
        static final long CLK_TCK = clockTicks();

        static Pid from(Map<String, String> opt) {
            try {
                if (opt.containsKey("server-pid")) {
                    return new Pid(Long.parseLong(opt.get("server-pid")));
                }
                if (opt.containsKey("pid-file")) {
                    return new Pid(Long.parseLong(Files.readString(Path.of(opt.get("pid-file"))).trim()));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the server pid: " + e.getMessage());
            }
            return null;
        }

        long cpuTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // f[0] is field 3 (state): utime is field 14, stime field 15
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/" + pid + "/stat: is the server running?", e);
            }
        }

        /** CPU ticks by thread: "tid name" (name without its trailing number) to utime+stime. */
        Map<String, Long> threadTicks() {
            Map<String, Long> byThread = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                tasks.forEach(t -> {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[-#:0-9 ]+$", "");
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        byThread.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException ignored) {
                        // the thread ended meanwhile
                    }
                });
            } catch (IOException e) {
                return Map.of();
            }
            return byThread;
        }

        /** Per thread-name group: ticks used between two snapshots by threads alive at the end. */
        static Map<String, Long> byName(Map<String, Long> before, Map<String, Long> after) {
            Map<String, Long> delta = new HashMap<>();
            after.forEach((key, t) -> delta.merge(key.substring(key.indexOf(' ') + 1), t - before.getOrDefault(key, 0L), Long::sum));
            return delta;
        }

        private static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                p.waitFor(5, TimeUnit.SECONDS);
                return Long.parseLong(out);
            } catch (Exception e) {
                return 100;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("help") || name.equals("keep")) {
                opt.put(name, "true");
            } else if (i + 1 < args.length) {
                opt.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return opt;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String form(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

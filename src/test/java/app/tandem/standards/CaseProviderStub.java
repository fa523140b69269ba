package app.tandem.standards;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A CASE provider for tests (com.sun.net.httpserver on loopback): serves CFPackages and a CFDocuments listing from
 * real files (CASE 1.0 and 1.1 paths), an OAuth 2 client-credentials token endpoint that checks the client's id,
 * secret and scope, and misbehaving endpoints under path prefixes for every failure mode:
 * {@code /slow} (never answers), {@code /stall} (sends part of the body, then nothing), {@code /status/{code}},
 * {@code /html} (a web page), {@code /text} (not JSON), {@code /wrong} (JSON, not a package), {@code /big}
 * (a body of {@link #BIG} bytes), {@code /redirect-same} (302 to the real path on the same host), {@code /redirect-away}
 * (302 to plain http on another host name) and {@code /secure} (packages that need the bearer token).
 * {@code …/CFDocuments/{id}} answers the package's CFDocument (with its lastChangeDateTime); serving another file
 * under the same identifier "publishes a newer version".
 */
public final class CaseProviderStub implements AutoCloseable {
    public static final String CLIENT_ID = "tandem-test-client";
    public static final String CLIENT_SECRET = "s3cret with spaces & symbols";
    public static final String SCOPE = "https://purl.imsglobal.org/spec/case/v1p0/scope/all.readonly";
    public static final int BIG = 3 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "case-provider-stub");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Path> packages = new LinkedHashMap<>();
    private final Map<String, String> titles = new LinkedHashMap<>();
    private final List<String> tokens = Collections.synchronizedList(new ArrayList<>());
    /** "METHOD path Authorization-header-or-none" for every request, for assertions about where tokens went. */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    public CaseProviderStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code file} as the package {@code identifier} (listed with {@code title}). */
    public CaseProviderStub serve(String identifier, String title, Path file) {
        packages.put(identifier, file);
        titles.put(identifier, title);
        return this;
    }

    /**
     * A newer version of a package file, as a provider would publish it: the CFDocument's (first)
     * lastChangeDateTime becomes {@code lastChange} and {@code oldText} (a statement) becomes {@code newText}.
     */
    public static Path newerVersion(Path file, Path dir, String lastChange, String oldText, String newText) {
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            String changed = json.replaceFirst("\"lastChangeDateTime\"\\s*:\\s*\"[^\"]*\"",
                    "\"lastChangeDateTime\": \"" + lastChange + "\"");
            if (changed.equals(json) || (oldText != null && !changed.contains(oldText))) {
                throw new IllegalArgumentException("nothing to change in " + file);
            }
            if (oldText != null) {
                changed = changed.replace(oldText, newText);
            }
            Path out = dir.resolve("newer-" + UUID.randomUUID() + "-" + file.getFileName());
            Files.writeString(out, changed, StandardCharsets.UTF_8);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The CFDocument's lastChangeDateTime in a package file (null when it has none). */
    public static String lastChange(Path file) {
        try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(Files.newInputStream(file))) {
            jakarta.json.JsonObject doc = r.readObject().getJsonObject("CFDocument");
            return doc == null ? null : doc.getString("lastChangeDateTime", null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** http://127.0.0.1:port */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String packageUrl(String prefix, String version, String identifier) {
        return base() + prefix + "/ims/case/" + version + "/CFPackages/" + identifier;
    }

    public String tokenUrl() {
        return base() + "/oauth/token";
    }

    public int tokensIssued() {
        return tokens.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(ex.getRequestMethod() + " " + path + " " + (auth == null ? "none" : auth.split(" ", 2)[0]));
            if (path.equals("/oauth/token")) {
                token(ex);
                return;
            }
            String prefix = path.contains("/ims/case/") ? path.substring(0, path.indexOf("/ims/case/")) : path;
            String rest = path.substring(prefix.length());
            switch (prefix.startsWith("/status/") ? "/status" : prefix) {
                case "", "/secure" -> {
                    if (prefix.equals("/secure") && !validBearer(auth)) {
                        send(ex, 401, "application/json", "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\","
                                + "\"imsx_description\":\"A bearer token is required.\"}");
                        return;
                    }
                    real(ex, rest);
                }
                case "/slow" -> {
                    await();
                    send(ex, 503, "text/plain", "too late");
                }
                case "/stall" -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 100_000);
                    OutputStream out = ex.getResponseBody();
                    out.write("{\"CFDocument\":{".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    await();
                }
                case "/status" -> {
                    int code = Integer.parseInt(prefix.substring("/status/".length()));
                    send(ex, code, "application/json", "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\","
                            + "\"imsx_description\":\"Nothing with that identifier <here>.\"}");
                }
                case "/html" -> send(ex, 200, "text/html; charset=utf-8", "<!doctype html><html><body><h1>Welcome to our CASE server</h1></body></html>");
                case "/text" -> send(ex, 200, "application/json", "CFPackage: not today");
                case "/wrong" -> send(ex, 200, "application/json", "{\"greeting\":\"hello\",\"items\":[1,2,3]}");
                case "/big" -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    chunk[0] = '{';
                    for (int sent = 0; sent < BIG; sent += chunk.length) {
                        out.write(chunk);
                        chunk[0] = ' ';
                    }
                }
                case "/redirect-same" -> redirect(ex, base() + rest);
                case "/redirect-away" -> redirect(ex, "http://localhost:" + server.getAddress().getPort() + rest);
                default -> send(ex, 404, "text/plain", "no such path");
            }
        } catch (IOException | RuntimeException e) {
            // a client that gave up (timeouts, size limits) closes the connection: expected here
        }
    }

    private void real(HttpExchange ex, String rest) throws IOException {
        String[] parts = rest.split("/");
        // "", "ims", "case", version, collection[, id]
        if (parts.length < 5 || !(parts[3].equals("v1p0") || parts[3].equals("v1p1"))) {
            send(ex, 404, "text/plain", "not a CASE path");
            return;
        }
        if (parts[4].equals("CFDocuments") && parts.length == 5) {
            StringBuilder b = new StringBuilder("{\"CFDocuments\":[");
            int i = 0;
            for (Map.Entry<String, String> e : titles.entrySet()) {
                b.append(i++ > 0 ? "," : "").append(document(e.getKey()));
            }
            send(ex, 200, "application/json", b.append("]}").toString());
            return;
        }
        if (parts[4].equals("CFDocuments") && parts.length == 6) {
            String id = URLDecoder.decode(parts[5], StandardCharsets.UTF_8);
            if (!packages.containsKey(id)) {
                send(ex, 404, "application/json", "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":\"unknown document\"}");
                return;
            }
            send(ex, 200, "application/json", document(id));
            return;
        }
        if (parts[4].equals("CFPackages") && parts.length == 6) {
            Path file = packages.get(URLDecoder.decode(parts[5], StandardCharsets.UTF_8));
            if (file == null) {
                send(ex, 404, "application/json", "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":\"unknown package\"}");
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(ex.getResponseBody());
            }
            return;
        }
        send(ex, 404, "text/plain", "not found");
    }

    private String document(String id) {
        String changed = lastChange(packages.get(id));
        return "{\"identifier\":\"" + id + "\",\"title\":\"" + titles.get(id) + "\",\"version\":\"1.0\",\"adoptionStatus\":\"Adopted\","
                + "\"creator\":\"stub\"" + (changed == null ? "" : ",\"lastChangeDateTime\":\"" + changed + "\"") + "}";
    }

    private void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((java.net.URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(ex.getRequestMethod()) || !expected.equals(auth)) {
            send(ex, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        if (!"client_credentials".equals(params.get("grant_type"))) {
            send(ex, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!SCOPE.equals(params.get("scope"))) {
            send(ex, 400, "application/json", "{\"error\":\"invalid_scope\"}");
            return;
        }
        String token = "tok-" + UUID.randomUUID();
        tokens.add(token);
        send(ex, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private boolean validBearer(String auth) {
        return auth != null && auth.startsWith("Bearer ") && tokens.contains(auth.substring("Bearer ".length()));
    }

    private void await() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}

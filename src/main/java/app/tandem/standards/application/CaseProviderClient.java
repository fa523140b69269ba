package app.tandem.standards.application;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches CASE packages and document listings from a CASE provider (1EdTech CASE 1.0/1.1 REST binding:
 * {@code …/ims/case/v1p0|v1p1/CFPackages/{id}} and {@code …/CFDocuments}) with Apache HttpClient 5 (classic,
 * HTTP/1.1, no proxy, TLS with host name verification), optionally with an OAuth 2 client-credentials token. Every problem becomes a {@link ProviderException} with a code and a message a
 * coordinator can act on; nothing here writes to the database.
 *
 * <p>Guards (docs/standards.md, "Import from a CASE provider"): only http and https; no user info in URLs; the host
 * of each request and each redirect hop is resolved once, by the connection's own {@link DnsResolver}, and every
 * address of that answer is checked — the connection then goes only to those checked addresses (DNS rebinding
 * cannot steer it elsewhere between the check and the connect) — unspecified, link-local
 * (169.254.0.0/16 with the cloud metadata address, fe80::/10), multicast and broadcast addresses are always refused,
 * loopback and private networks only when the policy allows them; redirects are followed by hand (at most 5) only to
 * https or to the same host, never from https down to http, and the bearer token only goes to the origin it was
 * obtained for; a connect timeout, one deadline for the whole exchange (headers and body) and a size limit. A
 * secret or token never appears in a message, a log line or {@code toString()}.
 */
public final class CaseProviderClient {
    public static final String DEFAULT_SCOPE = "https://purl.imsglobal.org/spec/case/v1p0/scope/all.readonly";
    private static final Pattern CASE_PATH = Pattern.compile("^(.*?)/ims/case/(v1p0|v1p1)(?:/(CFPackages|CFDocuments)(?:/([^/]+))?)?/?$");
    private static final int MAX_REDIRECTS = 5;
    private static final long SMALL_BODY = 64 * 1024;
    private static final long LISTING_BODY = 16L * 1024 * 1024;
    private static final Duration SMALL_EXCHANGE = Duration.ofSeconds(30);

    /** What the server allows: loopback/private targets, timeouts and the largest package it downloads. */
    public record Policy(boolean allowLoopback, boolean allowPrivate, Duration connectTimeout, Duration downloadTimeout, long maxBytes) {
        public static Policy defaults() {
            return new Policy(false, false, Duration.ofSeconds(10), Duration.ofMinutes(10), 1024L * 1024 * 1024);
        }
    }

    /** OAuth 2 client credentials (client_secret_basic). Used for one import and then dropped; never printed. */
    public record Credentials(URI tokenUrl, String clientId, String clientSecret, String scope) {
        @Override
        public String toString() {
            return "Credentials[token URL " + tokenUrl + ", client " + clientId + ", secret hidden]";
        }
    }

    public enum Kind { PACKAGE, LISTING, BASE }

    /**
     * What a coordinator entered: a package URL, a CFDocuments listing, or a provider's base URL. {@code root} is
     * everything before {@code /ims/case/...}; {@code version} is v1p0 or v1p1 (null for a base URL).
     */
    public record Target(Kind kind, URI uri, String root, String version, String identifier) {
        /** The listing to ask (a base URL is asked for v1p1 first). */
        URI listing(String v) {
            return URI.create(root + "/ims/case/" + v + "/CFDocuments");
        }
    }

    /** One CFDocument of a provider's listing, with the package URL to import it. */
    public record Document(String identifier, String title, String version, String adoptionStatus, String lastChange,
                           String creator, URI packageUrl) {
    }

    /** A provider problem: {@code code} for the report ({@code provider_status}, …), a message a person can act on. */
    public static final class ProviderException extends RuntimeException {
        private final String code;

        public ProviderException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Name resolution: the system's, or a stub in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Ends exchanges at their deadline (cancelling the request closes its socket). */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tandem-case-provider-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private final Policy policy;
    private final Resolver resolver;
    private final CloseableHttpClient http;

    public CaseProviderClient(Policy policy) {
        this(policy, InetAddress::getAllByName);
    }

    /**
     * A client whose connections resolve host names with {@code resolver}, once per connection, and go only to the
     * addresses of that answer after each of them passed the policy ({@link PinnedResolver}).
     */
    public CaseProviderClient(Policy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
        long connectMillis = Math.max(1, policy.connectTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PinnedResolver())
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofMilliseconds(connectMillis)).build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(10)
                        .build())
                // every connection serves one exchange and is closed: no pooled socket outlives its check
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /**
     * The connection's resolver: resolves once, refuses the host when any address of the answer is refused by the
     * policy, and returns exactly the checked addresses, which are the only ones the connection tries.
     */
    private final class PinnedResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return checkedAddresses(host);
            } catch (ProviderException e) {
                throw new Refused(e);
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A refusal (or unknown host) from the connection's resolver, carried through HttpClient to {@link #problem}. */
    static final class Refused extends UnknownHostException {
        final transient ProviderException problem;

        Refused(ProviderException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }

    public Policy policy() {
        return policy;
    }

    // ---- what was entered ------------------------------------------------------------------------------------

    /** Parses and checks a URL a coordinator entered (scheme, host, no user info); throws {@code invalid_url}. */
    public static URI parseUrl(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw new ProviderException("invalid_url", "Enter the " + what + ".");
        }
        URI u;
        try {
            u = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new ProviderException("invalid_url", "The " + what + " is not a valid URL (" + e.getReason() + ").");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || u.isOpaque()) {
            throw new ProviderException("invalid_url", "The " + what + " must be a full URL starting with https://.");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ProviderException("invalid_url", "Only https (or http) URLs can be fetched, not " + scheme + ":.");
        }
        if (u.getRawUserInfo() != null) {
            throw new ProviderException("invalid_url", "Put no user name or password in the " + what
                    + "; use the OAuth 2 client credentials fields.");
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            throw new ProviderException("invalid_url", "The " + what + " has no host name.");
        }
        if (u.getRawFragment() != null) {
            u = URI.create(u.toString().substring(0, u.toString().indexOf('#')));
        }
        return u;
    }

    /** What the URL names: {@code …/CFPackages/{id}} (or {@code …/CFDocuments/{id}}), {@code …/CFDocuments}, or a base URL. */
    public static Target target(String raw) {
        URI u = parseUrl(raw, "provider URL");
        String origin = u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        Matcher m = CASE_PATH.matcher(path);
        if (m.matches()) {
            String root = origin + m.group(1);
            String version = m.group(2);
            String collection = m.group(3);
            String id = m.group(4);
            if (collection != null && id != null && !id.isBlank()) {
                URI pkg = URI.create(root + "/ims/case/" + version + "/CFPackages/" + id);
                return new Target(Kind.PACKAGE, pkg, root, version, decode(id));
            }
            if ("CFPackages".equals(collection)) {
                throw new ProviderException("invalid_url", "A CFPackages URL needs the framework's identifier at the end: …/CFPackages/{identifier}.");
            }
            return new Target(Kind.LISTING, URI.create(root + "/ims/case/" + version + "/CFDocuments"), root, version, null);
        }
        if (u.getRawQuery() != null) {
            throw new ProviderException("invalid_url", "Enter the provider's address without a query (…?…), or a full …/ims/case/v1p1/CFPackages/{identifier} URL.");
        }
        String root = origin + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        return new Target(Kind.BASE, URI.create(root), root, null, null);
    }

    /** The package URL of a document of a listing (same provider root and CASE version). */
    public static URI packageUrl(String root, String version, String identifier) {
        return URI.create(root + "/ims/case/" + version + "/CFPackages/" + URLEncoder.encode(identifier, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The URL as shown in reports and job lists: no query, no fragment (they may carry tokens). */
    public static String display(URI u) {
        String s = u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
        return s.length() > 480 ? s.substring(0, 480) + "…" : s;
    }

    // ---- address guard ---------------------------------------------------------------------------------------

    /**
     * Resolves the host and refuses addresses the policy does not allow (see the class comment). Used to answer a
     * coordinator at once (a 400 naming the field); the connection itself checks again through its own resolver.
     */
    public void checkAddress(URI u) {
        String host = u.getHost();
        if (host == null) {
            throw new ProviderException("invalid_url", "The URL has no host name.");
        }
        checkedAddresses(host);
    }

    /** All addresses of the host, each allowed by the policy; else a {@link ProviderException}. */
    InetAddress[] checkedAddresses(String name) {
        String host = name;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
            if (all == null || all.length == 0) {
                throw new UnknownHostException(host);
            }
        } catch (UnknownHostException e) {
            throw new ProviderException("provider_unreachable", "The host " + host + " is unknown (no DNS entry).");
        } catch (SecurityException e) {
            throw new ProviderException("provider_unreachable", "The host " + host + " cannot be resolved here.");
        }
        for (InetAddress a : all) {
            String why = refusal(a, policy);
            if (why != null) {
                throw new ProviderException("refused_address", "Tandem does not fetch from " + host
                        + (host.equals(a.getHostAddress()) ? "" : " (" + a.getHostAddress() + ")") + ": " + why + ".");
            }
        }
        return all.clone();
    }

    /** Why an address may not be fetched from, or null when it may. */
    static String refusal(InetAddress a, Policy p) {
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLinkLocalAddress() || isMetadata(a)) {
            return "a link-local address (cloud metadata and the like), never allowed";
        }
        if (a.isMulticastAddress() || isBroadcast(a)) {
            return "a multicast or broadcast address";
        }
        if (a.isLoopbackAddress()) {
            return p.allowLoopback() ? null : "a loopback address (this server itself); not allowed by the server's settings";
        }
        if (a.isSiteLocalAddress() || isUniqueLocal(a) || isSharedOrReserved(a)) {
            return p.allowPrivate() ? null : "a private network address; not allowed by the server's settings";
        }
        return null;
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        // fd00:ec2::254 (AWS IMDS over IPv6); 169.254.169.254 is link-local already
        return a instanceof Inet6Address && b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e
                && (b[3] & 0xff) == 0xc2 && b[15] == 0x54 && b[14] == 0x02;
    }

    private static boolean isBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15 and 240.0.0.0/4: not the public internet. */
    private static boolean isSharedOrReserved(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        byte[] b = a.getAddress();
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        return o0 == 0 || (o0 == 100 && o1 >= 64 && o1 < 128) || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0)
                || (o0 == 198 && (o1 == 18 || o1 == 19)) || o0 >= 240;
    }

    /** The scheme rule for a URL that will receive a secret or a token: https, or http to an allowed loopback host. */
    public void requireSecureFor(URI u, String what) {
        if ("https".equalsIgnoreCase(u.getScheme())) {
            return;
        }
        if (policy.allowLoopback() && isLoopbackHost(u.getHost())) {
            return;
        }
        throw new ProviderException("invalid_url", "The " + what + " must use https: client credentials and tokens are never sent in clear text.");
    }

    private boolean isLoopbackHost(String host) {
        try {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress a : resolver.resolve(h)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- OAuth 2 ---------------------------------------------------------------------------------------------

    /** Obtains an access token with the client-credentials grant (client_secret_basic); throws {@code provider_auth}. */
    public String accessToken(Credentials c) {
        checkAddress(c.tokenUrl());
        requireSecureFor(c.tokenUrl(), "token URL");
        String scope = c.scope() == null || c.scope().isBlank() ? DEFAULT_SCOPE : c.scope().strip();
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(c.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(c.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpPost request = new HttpPost(c.tokenUrl());
        request.setHeader("Accept", "application/json");
        request.setHeader("Authorization", "Basic " + basic);
        request.setEntity(new StringEntity(form, ContentType.create("application/x-www-form-urlencoded")));
        if (isAddressLiteral(c.tokenUrl().getHost())) {
            checkAddress(c.tokenUrl());
        }
        Exchange ex = send(request, c.tokenUrl(), null, SMALL_BODY, null, small(), deadline(small()), "token endpoint");
        JsonObject body = ex.json();
        if (ex.status == 200) {
            JsonValue token = body == null ? null : body.get("access_token");
            if (!(token instanceof JsonString s) || s.getString().isBlank()) {
                throw new ProviderException("provider_auth", "The token endpoint answered 200 but with no OAuth 2 access token "
                        + "(JSON with access_token expected).");
            }
            return s.getString();
        }
        if (ex.status >= 300 && ex.status < 400) {
            throw new ProviderException("provider_auth", "The token endpoint redirected (HTTP " + ex.status + "); enter its final URL.");
        }
        String error = body != null && body.get("error") instanceof JsonString e ? " (" + clip(e.getString(), 60) + ")" : "";
        if (ex.status == 400 || ex.status == 401 || ex.status == 403) {
            throw new ProviderException("provider_auth", "The token endpoint refused the client credentials: HTTP " + ex.status + " "
                    + reason(ex.status) + error + ". Check the client id, the secret and the scope.");
        }
        throw new ProviderException("provider_auth", "The token endpoint answered HTTP " + ex.status + " " + reason(ex.status) + error + ".");
    }

    // ---- listing and package ---------------------------------------------------------------------------------

    /** The CFDocuments of a listing or base URL (a base URL: v1p1, then v1p0 when v1p1 answers 404). */
    public Listing documents(Target t, String bearer) {
        if (t.kind() == Kind.PACKAGE) {
            throw new IllegalArgumentException("not a listing");
        }
        List<String> versions = t.version() != null ? List.of(t.version()) : List.of("v1p1", "v1p0");
        ProviderException last = null;
        for (String v : versions) {
            URI listing = t.listing(v);
            Exchange ex = get(listing, bearer, LISTING_BODY, null, null, small(), "provider");
            if (ex.status == 404 && t.version() == null) {
                last = statusProblem(ex, listing);
                continue;
            }
            if (ex.status != 200) {
                throw statusProblem(ex, listing);
            }
            requireJson(ex, ex.body(), listing);
            JsonObject o = ex.json();
            JsonValue docs = o == null ? null : o.get("CFDocuments");
            if (!(docs instanceof JsonArray array)) {
                throw new ProviderException("provider_not_case", "The provider's answer at " + display(listing)
                        + " is JSON but not a CASE CFDocuments listing.");
            }
            List<Document> out = new ArrayList<>();
            for (JsonValue d : array) {
                if (!(d instanceof JsonObject doc) || !(doc.get("identifier") instanceof JsonString id) || id.getString().isBlank()) {
                    continue;
                }
                out.add(new Document(id.getString(), text(doc, "title"), text(doc, "version"), text(doc, "adoptionStatus"),
                        text(doc, "lastChangeDateTime"), text(doc, "creator"), packageUrl(t.root(), v, id.getString())));
                if (out.size() >= 2000) {
                    break;
                }
            }
            return new Listing(listing, v, out);
        }
        throw last != null ? last : new ProviderException("provider_status", "The provider has no CASE listing.");
    }

    /**
     * The CFDocument's lastChangeDateTime at the provider (null when it gives none), without downloading the package:
     * {@code …/CFDocuments/{id}}, else the CFDocuments listing. For "Check for update".
     */
    public String lastChange(URI packageUrl, String bearer) {
        Target t = target(packageUrl.toString());
        if (t.kind() != Kind.PACKAGE) {
            throw new IllegalArgumentException("not a package URL");
        }
        URI document = URI.create(t.root() + "/ims/case/" + t.version() + "/CFDocuments/"
                + URLEncoder.encode(t.identifier(), StandardCharsets.UTF_8).replace("+", "%20"));
        Exchange ex = get(document, bearer, LISTING_BODY, null, null, small(), "provider");
        if (ex.status == 200) {
            requireJson(ex, ex.body(), document);
            JsonObject o = ex.json();
            JsonObject d = o != null && o.get("CFDocument") instanceof JsonObject inner ? inner : o;
            if (d != null && d.get("identifier") instanceof JsonString) {
                return text(d, "lastChangeDateTime");
            }
        } else if (ex.status == 401 || ex.status == 403 || ex.status >= 500) {
            throw statusProblem(ex, document);
        }
        Listing listing = documents(new Target(Kind.LISTING, t.listing(t.version()), t.root(), t.version(), null), bearer);
        return listing.documents().stream().filter(d -> d.identifier().equals(t.identifier())).findFirst()
                .orElseThrow(() -> new ProviderException("provider_status", "The provider no longer offers this framework ("
                        + clip(t.identifier(), 100) + ") at " + display(listing.url()) + "."))
                .lastChange();
    }

    /** A listing as fetched: where, the CASE version, the documents. */
    public record Listing(URI url, String version, List<Document> documents) {
    }

    /**
     * Downloads a package into {@code file} (streamed, never held in memory), within the policy's deadline and size;
     * {@code bytes} hears the running count. Returns the size. Refuses non-200 answers, web pages and non-JSON bodies.
     */
    public long download(URI packageUrl, String bearer, Path file, LongConsumer bytes) {
        Exchange ex = get(packageUrl, bearer, policy.maxBytes(), file, bytes, policy.downloadTimeout(), "provider");
        if (ex.status != 200) {
            throw statusProblem(ex, ex.uri);
        }
        byte[] head = new byte[512];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ProviderException("provider_unreachable", "The download could not be stored: " + e.getMessage());
        }
        requireJson(ex, java.util.Arrays.copyOf(head, n), ex.uri);
        return ex.size;
    }

    /** Token requests and listings: 30 s, or less when the whole-download limit is shorter. */
    private Duration small() {
        return policy.downloadTimeout().compareTo(SMALL_EXCHANGE) < 0 ? policy.downloadTimeout() : SMALL_EXCHANGE;
    }

    private static Duration remaining(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000L));
    }

    private static long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    /** A GET that follows redirects by hand under the rules of the class comment. */
    private Exchange get(URI start, String bearer, long max, Path file, LongConsumer progress, Duration limit, String who) {
        long deadline = deadline(limit);
        URI current = start;
        for (int hop = 0; ; hop++) {
            if (isAddressLiteral(current.getHost())) {
                // no name to resolve: the literal itself is checked (names are checked by the connection's resolver)
                checkAddress(current);
            }
            HttpGet request = new HttpGet(current);
            request.setHeader("Accept", "application/json");
            if (bearer != null && sameOrigin(current, start)) {
                request.setHeader("Authorization", "Bearer " + bearer);
            }
            Exchange ex = send(request, current, file, max, progress, limit, deadline, who);
            if (ex.status < 300 || ex.status >= 400 || ex.status == 304) {
                return ex;
            }
            String location = ex.location;
            if (location == null) {
                return ex;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new ProviderException("provider_redirect", "The provider redirected more than " + MAX_REDIRECTS + " times.");
            }
            URI next;
            try {
                next = current.resolve(new URI(location.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new ProviderException("provider_redirect", "The provider redirected to an invalid URL.");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            boolean https = scheme.equals("https");
            boolean sameHostHttp = scheme.equals("http") && "http".equalsIgnoreCase(current.getScheme())
                    && next.getHost() != null && next.getHost().equalsIgnoreCase(current.getHost());
            if (!https && !sameHostHttp) {
                throw new ProviderException("provider_redirect", "The provider redirected to " + display(next)
                        + "; Tandem follows redirects only to https or to the same host (never from https to http).");
            }
            if (next.getRawUserInfo() != null) {
                throw new ProviderException("provider_redirect", "The provider redirected to a URL with user info; refused.");
            }
            if (next.getHost() == null) {
                throw new ProviderException("provider_redirect", "The provider redirected to a URL without a host name.");
            }
            current = next;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

    /** An IP address written in the URL: nothing to resolve, so it is checked before the request. */
    private static boolean isAddressLiteral(String host) {
        return host != null && (host.startsWith("[") || host.indexOf(':') >= 0 || IPV4.matcher(host).matches());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * One request: a 200 body goes to the file (when given), anything else is kept (small) for the message. The
     * deadline covers connect, headers and body: when it passes, the request is cancelled (its socket closed).
     */
    private Exchange send(HttpUriRequestBase request, URI uri, Path file, long max, LongConsumer progress, Duration limit, long deadline,
                          String who) {
        Exchange ex = new Exchange(uri);
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
        AtomicBoolean expired = new AtomicBoolean();
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(left))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(left)).build());
        ScheduledFuture<?> watchdog = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, left, TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, HttpClientContext.create());
            ex.status = response.getCode();
            ex.contentType = header(response, "Content-Type");
            ex.location = header(response, "Location");
            boolean toFile = file != null && ex.status == 200;
            // an error page only needs its start (for the message): it is cut, not refused
            boolean cut = ex.status != 200;
            long bodyLimit = ex.status == 200 ? max : SMALL_BODY;
            if (!toFile) {
                ex.small = new ByteArrayOutputStream();
            }
            HttpEntity entity = response.getEntity();
            try (OutputStream out = toFile ? Files.newOutputStream(file) : ex.small) {
                ex.size = entity == null ? 0 : copy(entity.getContent(), out, bodyLimit, cut, progress);
            }
            return ex;
        } catch (IOException e) {
            if (expired.get()) {
                throw timeout(who, limit);
            }
            throw problem(e, uri, who, max, limit);
        } catch (RuntimeException e) {
            if (expired.get()) {
                throw timeout(who, limit);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            // closes the socket without reading what is left of the body (an error page, a stalled download)
            request.cancel();
            if (response != null) {
                try {
                    response.close();
                } catch (IOException | RuntimeException ignored) {
                    // the connection is gone already
                }
            }
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Copies at most {@code max} bytes: past it a cut body just ends, any other is {@link TooLarge}. */
    private static long copy(InputStream in, OutputStream out, long max, boolean cut, LongConsumer progress) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            if (count + n > max) {
                if (cut) {
                    out.write(buf, 0, (int) (max - count));
                    return max;
                }
                throw new TooLarge();
            }
            out.write(buf, 0, n);
            count += n;
            if (progress != null) {
                progress.accept(count);
            }
        }
        return count;
    }

    private static ProviderException timeout(String who, Duration limit) {
        return new ProviderException("provider_timeout", "The " + who + " did not answer within " + Math.max(1, limit.toSeconds())
                + " s (the whole download is bounded).");
    }

    private ProviderException problem(Throwable cause, URI uri, String who, long max, Duration limit) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Refused r) {
                return r.problem;
            }
        }
        if (cause instanceof TooLarge) {
            return new ProviderException("provider_too_large", "The " + who + "'s answer is larger than this server accepts ("
                    + (max / (1024 * 1024)) + " MB).");
        }
        if (cause instanceof ConnectTimeoutException) {
            return new ProviderException("provider_timeout", "Could not connect to " + uri.getHost() + " within "
                    + policy.connectTimeout().toSeconds() + " s.");
        }
        if (cause instanceof SocketTimeoutException) {
            return new ProviderException("provider_timeout", "The " + who + " did not answer within " + Math.max(1, limit.toSeconds()) + " s.");
        }
        if (cause instanceof UnknownHostException) {
            return new ProviderException("provider_unreachable", "The host " + uri.getHost() + " is unknown (no DNS entry).");
        }
        if (cause instanceof ConnectException) {
            return new ProviderException("provider_unreachable", "Could not connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " (connection refused or no route).");
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new ProviderException("provider_unreachable", "The secure connection to " + uri.getHost() + " failed (TLS: "
                    + clip(String.valueOf(cause.getMessage()), 120) + ").");
        }
        return new ProviderException("provider_unreachable", "The connection to " + uri.getHost() + " failed"
                + (cause == null || cause.getMessage() == null ? "." : ": " + clip(cause.getMessage(), 160) + "."));
    }

    private static ProviderException statusProblem(Exchange ex, URI uri) {
        String detail = "";
        JsonObject body = ex.json();
        if (body != null && body.get("imsx_description") instanceof JsonString d) {
            detail = " The provider says: " + clip(d.getString(), 200);
        }
        String hint = switch (ex.status) {
            case 401, 403 -> " The provider wants credentials, or these may not read it: check the OAuth 2 client credentials and scope.";
            case 404 -> " Check the framework's identifier and the provider's address.";
            default -> "";
        };
        return new ProviderException("provider_status", "The provider answered HTTP " + ex.status + " " + reason(ex.status) + " for "
                + display(uri) + "." + detail + hint);
    }

    /** A web page or anything that does not start like JSON is refused with a message that says so. */
    private static void requireJson(Exchange ex, byte[] head, URI uri) {
        String type = ex.contentType == null ? "" : ex.contentType.toLowerCase(Locale.ROOT);
        int first = firstNonBlank(head);
        if (type.contains("html") || first == '<') {
            throw new ProviderException("provider_not_json", "The provider answered with a web page (HTML), not a CASE package, at "
                    + display(uri) + ". Check the URL: it should end in /ims/case/v1p1/CFPackages/{identifier} (or v1p0).");
        }
        if (first == -1) {
            throw new ProviderException("provider_not_json", "The provider answered with an empty body at " + display(uri) + ".");
        }
        if (first != '{') {
            throw new ProviderException("provider_not_json", "The provider's answer at " + display(uri) + " is not JSON"
                    + (type.isEmpty() ? "" : " (" + clip(type, 60) + ")") + "; a CASE package is a JSON object.");
        }
    }

    private static int firstNonBlank(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < head.length; i++) {
            if (!Character.isWhitespace(head[i])) {
                return head[i];
            }
        }
        return -1;
    }

    private static String text(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? clip(s.getString(), 500) : null;
    }

    private static String clip(String s, int max) {
        String one = s.replaceAll("[\\p{Cntrl}]", " ").strip();
        return one.length() > max ? one.substring(0, max) + "…" : one;
    }

    static String reason(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** The state of one request: status, headers, the small body (non-200 or listing) and the size received. */
    private static final class Exchange {
        final URI uri;
        int status;
        String contentType;
        String location;
        ByteArrayOutputStream small;
        long size;

        Exchange(URI uri) {
            this.uri = uri;
        }

        byte[] body() {
            return small == null ? new byte[0] : small.toByteArray();
        }

        JsonObject json() {
            byte[] b = body();
            if (b.length == 0 || firstNonBlank(java.util.Arrays.copyOf(b, Math.min(b.length, 512))) != '{') {
                return null;
            }
            try (JsonReader r = Json.createReader(new ByteArrayInputStream(b))) {
                return r.readObject();
            } catch (JsonException | IllegalStateException e) {
                return null;
            }
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large", null);
        }
    }
}

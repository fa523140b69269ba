package app.tandem.it;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The LTI Advantage side of a {@link TestPlatform}, on its HTTP server:
 * <ul>
 *   <li>{@code /token} — OAuth2 client_credentials with an RFC 7523 client assertion, checked against Tandem's
 *       published JWKS ({@link ToolJwks}); issues bearer tokens it can expire or revoke, and counts them;</li>
 *   <li>{@code /nrps/<context>} — NRPS 2.0 memberships, paged through {@code Link: rel="next"} in Canvas
 *       ({@code page}/{@code per_page}) or Moodle ({@code limit}/{@code from}) style, with {@code role} and
 *       {@code rlid} filters;</li>
 *   <li>{@code /ags/<context>/lineitems…} — AGS 2.0 line items, scores and results, with Moodle's URLs: every one
 *       carries {@code ?type_id=7}, and a line item is {@code …/lineitems/<n>/lineitem?type_id=7}.</li>
 * </ul>
 * Every service request is recorded ({@link #calls}); {@link Fault}s replace or delay the next answers.
 */
public final class PlatformServices {
    public static final String SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    public static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public static final String SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    public static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public static final List<String> AGS_SCOPES = List.of(SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY, SCOPE_RESULT_READONLY, SCOPE_SCORE);
    public static final String TYPE_ID = "7";

    static final String MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
    static final String LINEITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String SCORE = "application/vnd.ims.lis.v1.score+json";
    static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
    private static final int DEFAULT_PAGE_SIZE = 100;

    /** How the platform pages its lists. */
    public enum Paging { CANVAS, MOODLE }

    /** A request Tandem made to a service, and the status it got. */
    public record Call(String method, String path, String query, String token, String userAgent, String contentType,
                       String body, int status) {
    }

    /** A token the platform issued for an accepted client assertion. */
    public record Grant(String token, Set<String> scopes, String assertionKid, JWTClaimsSet assertion) {
    }

    /** An answer of the platform: status, content type, body and extra headers. */
    public record Answer(int status, String type, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, type, body, h);
        }
    }

    /** Replaces the platform's next answer (or, returning null, lets it answer as usual afterwards). */
    @FunctionalInterface
    public interface Fault {
        Answer answer() throws InterruptedException;

        static Fault status(int status) {
            return () -> Answer.json(status, "{\"error\":\"server_error\",\"error_description\":\"test platform answers " + status + "\"}");
        }

        static Fault body(String json) {
            return () -> Answer.json(200, json);
        }

        static Fault answer(Answer answer) {
            return () -> answer;
        }
    }

    private record Issued(Set<String> scopes, Instant expiresAt) {
    }

    private final TestPlatform platform;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private final List<String> refusedAssertions = new CopyOnWriteArrayList<>();
    private final Set<String> seenJtis = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Fault> serviceFaults = new ConcurrentLinkedQueue<>();
    private final Queue<Fault> tokenFaults = new ConcurrentLinkedQueue<>();
    private final Map<String, List<Person>> rosters = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> linkMembers = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Integer, Map<String, Object>>> lineItems = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> scores = new ConcurrentHashMap<>();
    private final AtomicInteger lineItemIds = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Paging paging = Paging.MOODLE;
    private volatile int pageSize = DEFAULT_PAGE_SIZE;
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    PlatformServices(TestPlatform platform, HttpServer server) {
        this.platform = platform;
        server.createContext("/token", TestPlatform.handler(this::token));
        server.createContext("/nrps/", TestPlatform.handler(exchange -> serve(exchange, this::memberships)));
        server.createContext("/ags/", TestPlatform.handler(exchange -> serve(exchange, this::gradebook)));
    }

    // ---- URLs, as the launch claims carry them

    public String tokenUrl() {
        return platform.origin() + "/token";
    }

    public String membershipsUrl(Section section) {
        return platform.origin() + "/nrps/" + section.id();
    }

    public String lineItemsUrl(Section section) {
        return platform.origin() + "/ags/" + section.id() + "/lineitems?type_id=" + TYPE_ID;
    }

    // ---- set-up

    /** The section's members as NRPS reports them (each in every resource link unless {@link #linkMembers} says otherwise). */
    public void roster(Section section, Person... people) {
        rosters.put(section.id(), List.of(people));
    }

    /** Who may see a resource link (NRPS {@code rlid}). */
    public void linkMembers(String resourceLinkId, Person... people) {
        linkMembers.put(resourceLinkId, Arrays.stream(people).map(Person::sub).collect(java.util.stream.Collectors.toSet()));
    }

    public void paging(Paging style, int size) {
        paging = style;
        pageSize = size;
    }

    /** The expires_in of tokens issued from now on. */
    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** The next service requests (NRPS, AGS) get these answers instead, one each. */
    public void failNextCalls(Fault... faults) {
        serviceFaults.addAll(List.of(faults));
    }

    /** The next token requests get these answers instead, one each. */
    public void failNextTokenRequests(Fault... faults) {
        tokenFaults.addAll(List.of(faults));
    }

    /** Holds the answer for {@code delay} (or until the platform closes), then answers as usual. */
    public Fault slowly(Duration delay) {
        return () -> {
            closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        };
    }

    /** Faults for the next {@code parties} calls that hold each until all have arrived (at most 10 s): calls answered at once. */
    public Fault[] atOnce(int parties) {
        CountDownLatch arrived = new CountDownLatch(parties);
        Fault wait = () -> {
            arrived.countDown();
            arrived.await(10, TimeUnit.SECONDS);
            return null;
        };
        return java.util.Collections.nCopies(parties, wait).toArray(Fault[]::new);
    }

    /** Every token issued so far expires now (the platform's clock says so; Tandem's cache does not know). */
    public void expireTokens() {
        tokens.replaceAll((token, issued) -> new Issued(issued.scopes(), Instant.now().minusSeconds(1)));
    }

    /** Every token issued so far is forgotten, as after a revocation. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Back to the defaults: no faults, one page of up to 100, one-hour tokens. */
    public void reset() {
        serviceFaults.clear();
        tokenFaults.clear();
        paging(Paging.MOODLE, DEFAULT_PAGE_SIZE);
        tokenLifetime(Duration.ofHours(1));
    }

    /** A line item as if a teacher had made it in the LMS gradebook; returns its id (URL). */
    public String addLineItem(Section section, String label, double scoreMaximum, String resourceId, String tag) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("label", label);
        item.put("scoreMaximum", scoreMaximum);
        if (resourceId != null) item.put("resourceId", resourceId);
        if (tag != null) item.put("tag", tag);
        return store(section.id(), lineItemIds.incrementAndGet(), item);
    }

    // ---- what happened

    public int tokensIssued() {
        return grants.size();
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** Why client assertions were refused, newest last. */
    public List<String> refusedAssertions() {
        return List.copyOf(refusedAssertions);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls whose path starts with the path of this URL (query ignored). */
    public List<Call> calls(String url) {
        String path = java.net.URI.create(url).getPath();
        return calls.stream().filter(c -> c.path().startsWith(path)).toList();
    }

    public List<Map<String, Object>> lineItems(Section section) {
        return List.copyOf(lineItems.getOrDefault(section.id(), new ConcurrentSkipListMap<>()).values());
    }

    /** The scores posted to a line item, oldest first. */
    public List<Map<String, Object>> scores(String lineItemId) {
        return List.copyOf(scores.getOrDefault(itemKey(java.net.URI.create(lineItemId).getPath()), List.of()));
    }

    void close() {
        closed.countDown();
    }

    // ---- the token endpoint

    private void token(HttpExchange exchange) throws InterruptedException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, Answer.json(405, "{\"error\":\"invalid_request\",\"error_description\":\"POST only\"}"));
            return;
        }
        Map<String, String> form = Browser.decodeForm(read(exchange));
        Fault fault = tokenFaults.poll();
        Answer faulty = fault == null ? null : fault.answer();
        if (faulty != null) {
            send(exchange, faulty);
            return;
        }
        String problem = assertionProblem(form);
        if (problem != null) {
            refusedAssertions.add(problem);
            send(exchange, Answer.json(400, JSONObjectUtils.toJSONString(Map.of("error", "invalid_client", "error_description", problem))));
            return;
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
        scopes.remove("");
        if (scopes.isEmpty() || !grantable().containsAll(scopes)) {
            send(exchange, Answer.json(400, "{\"error\":\"invalid_scope\"}"));
            return;
        }
        String token = "at-" + UUID.randomUUID();
        tokens.put(token, new Issued(scopes, Instant.now().plus(tokenLifetime)));
        SignedJWT assertion = parse(form.get("client_assertion"));
        try {
            grants.add(new Grant(token, scopes, assertion.getHeader().getKeyID(), assertion.getJWTClaimsSet()));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        send(exchange, Answer.json(200, JSONObjectUtils.toJSONString(Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", tokenLifetime.toSeconds(), "scope", String.join(" ", scopes)))));
    }

    private static Set<String> grantable() {
        Set<String> all = new LinkedHashSet<>(AGS_SCOPES);
        all.add(SCOPE_NRPS);
        return all;
    }

    /** RFC 7523 and the 1EdTech Security Framework §4.1.1: what a platform checks before it issues a token. */
    private String assertionProblem(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "grant_type must be client_credentials";
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "client_assertion_type must be jwt-bearer";
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = ToolJwks.verify(form.get("client_assertion"));
            claims = jwt.getJWTClaimsSet();
        } catch (IllegalArgumentException | ParseException e) {
            return "client_assertion: " + e.getMessage();
        }
        String problem = ToolJwks.claimsProblem(claims, platform.clientId(), tokenUrl());
        if (problem != null) {
            return problem;
        }
        if (!platform.clientId().equals(claims.getSubject())) {
            return "sub must be the client_id";
        }
        if (claims.getJWTID() == null || !seenJtis.add(claims.getJWTID())) {
            return "jti missing or used before";
        }
        return null;
    }

    // ---- the services

    private interface Service {
        Answer answer(HttpExchange exchange, String body);
    }

    /** Records the call; then a fault, or the bearer token and User-Agent checks, or the service's answer. */
    private void serve(HttpExchange exchange, Service service) throws InterruptedException {
        String body = read(exchange);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Fault fault = serviceFaults.poll();
        Answer answer = fault == null ? null : fault.answer();
        if (answer == null) {
            answer = exchange.getRequestHeaders().getFirst("User-Agent") == null
                    ? Answer.json(400, "{\"error\":\"a User-Agent header is required\"}")
                    : service.answer(exchange, body);
        }
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                token, exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders().getFirst("Content-Type"),
                body, answer.status()));
        send(exchange, answer);
    }

    /** 401 unless the bearer token is live and grants one of the scopes; null when it does. */
    private Answer unauthorized(HttpExchange exchange, String... anyOf) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Issued issued = authorization == null || !authorization.startsWith("Bearer ") ? null : tokens.get(authorization.substring(7));
        if (issued == null || !issued.expiresAt().isAfter(Instant.now())) {
            return Answer.json(401, "{\"error\":\"invalid_token\"}");
        }
        return Arrays.stream(anyOf).anyMatch(issued.scopes()::contains) ? null : Answer.json(403, "{\"error\":\"insufficient_scope\"}");
    }

    private Answer memberships(HttpExchange exchange, String body) {
        Answer refused = unauthorized(exchange, SCOPE_NRPS);
        if (refused != null) {
            return refused;
        }
        String context = exchange.getRequestURI().getPath().substring("/nrps/".length());
        Map<String, String> q = Browser.queryOf(exchange.getRequestURI());
        String role = q.get("role");
        Set<String> inLink = q.containsKey("rlid") ? linkMembers.getOrDefault(q.get("rlid"), Set.of()) : null;
        Predicate<Person> wanted = p -> (role == null || p.roles().stream().anyMatch(r -> r.equals(role) || r.endsWith("#" + role)))
                && (inLink == null || inLink.contains(p.sub()));
        List<Object> members = new ArrayList<>();
        rosters.getOrDefault(context, List.of()).stream().filter(wanted).forEach(p -> members.add(member(p)));
        Page page = page(exchange, members);
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("id", platform.origin() + exchange.getRequestURI());
        container.put("context", Map.of("id", context, "label", "S1", "title", "Section " + context));
        container.put("members", page.items());
        return page.linked(new Answer(200, MEMBERSHIPS, JSONObjectUtils.toJSONString(container), Map.of()));
    }

    private static Map<String, Object> member(Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "Active");
        m.put("name", p.name());
        String[] names = p.name().split(" ", 2);
        m.put("given_name", names[0]);
        m.put("family_name", names.length > 1 ? names[1] : "");
        m.put("email", p.sub() + "@school.example");
        m.put("user_id", p.sub());
        m.put("roles", p.roles());
        return m;
    }

    /** /ags/<context>/lineitems[/<n>/lineitem[/scores|/results]], all with ?type_id=7 as Moodle's. */
    private Answer gradebook(HttpExchange exchange, String body) {
        if (!TYPE_ID.equals(Browser.queryOf(exchange.getRequestURI()).get("type_id"))) {
            return Answer.json(400, "{\"error\":\"type_id missing or wrong: the query string of the line item URL was not kept\"}");
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        String method = exchange.getRequestMethod();
        if (path.length == 4 && path[3].equals("lineitems")) {
            return switch (method) {
                case "GET" -> listLineItems(exchange, path[2]);
                case "POST" -> createLineItem(exchange, path[2], body);
                default -> Answer.json(405, "{}");
            };
        }
        if (path.length < 6 || !path[3].equals("lineitems") || !path[5].equals("lineitem") || !path[4].matches("\\d+")) {
            return Answer.json(404, "{\"error\":\"no such service\"}");
        }
        String context = path[2];
        int n = Integer.parseInt(path[4]);
        Map<String, Object> item = lineItems.getOrDefault(context, new ConcurrentSkipListMap<>()).get(n);
        if (item == null) {
            return Answer.json(404, "{\"error\":\"no such line item\"}");
        }
        String sub = path.length == 7 ? path[6] : "";
        return switch (sub + " " + method) {
            case " GET" -> orElse(unauthorized(exchange, SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY), () -> new Answer(200, LINEITEM, JSONObjectUtils.toJSONString(item), Map.of()));
            case " PUT" -> orElse(unauthorized(exchange, SCOPE_LINEITEM), () -> updateLineItem(exchange, context, n, body));
            case " DELETE" -> orElse(unauthorized(exchange, SCOPE_LINEITEM), () -> {
                lineItems.get(context).remove(n);
                return new Answer(204, LINEITEM, "", Map.of());
            });
            case "scores POST" -> orElse(unauthorized(exchange, SCOPE_SCORE), () -> score(exchange, context, n, body));
            case "results GET" -> orElse(unauthorized(exchange, SCOPE_RESULT_READONLY), () -> results(exchange, context, n));
            default -> Answer.json(405, "{}");
        };
    }

    private static Answer orElse(Answer refused, java.util.function.Supplier<Answer> answer) {
        return refused != null ? refused : answer.get();
    }

    private Answer listLineItems(HttpExchange exchange, String context) {
        Answer refused = unauthorized(exchange, SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY);
        if (refused != null) {
            return refused;
        }
        Map<String, String> q = Browser.queryOf(exchange.getRequestURI());
        List<Object> items = new ArrayList<>(lineItems.getOrDefault(context, new ConcurrentSkipListMap<>()).values().stream()
                .filter(i -> !q.containsKey("resource_id") || q.get("resource_id").equals(i.get("resourceId")))
                .filter(i -> !q.containsKey("tag") || q.get("tag").equals(i.get("tag")))
                .filter(i -> !q.containsKey("resource_link_id") || q.get("resource_link_id").equals(i.get("resourceLinkId")))
                .toList());
        Page page = page(exchange, items);
        return page.linked(new Answer(200, LINEITEMS, JSONArrayUtils.toJSONString(page.items()), Map.of()));
    }

    private Answer createLineItem(HttpExchange exchange, String context, String body) {
        Answer refused = unauthorized(exchange, SCOPE_LINEITEM);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> item = lineItemBody(exchange, body);
        if (item == null) {
            return Answer.json(400, "{\"error\":\"a line item needs label and scoreMaximum, sent as " + LINEITEM + "\"}");
        }
        item.remove("id");
        String id = store(context, lineItemIds.incrementAndGet(), item);
        return new Answer(201, LINEITEM, JSONObjectUtils.toJSONString(lineItems.get(context).get(number(id))), Map.of());
    }

    private Answer updateLineItem(HttpExchange exchange, String context, int n, String body) {
        Map<String, Object> item = lineItemBody(exchange, body);
        if (item == null) {
            return Answer.json(400, "{\"error\":\"a line item needs label and scoreMaximum, sent as " + LINEITEM + "\"}");
        }
        item.remove("id");
        store(context, n, item);
        return new Answer(200, LINEITEM, JSONObjectUtils.toJSONString(lineItems.get(context).get(n)), Map.of());
    }

    private static Map<String, Object> lineItemBody(HttpExchange exchange, String body) {
        Map<String, Object> item = jsonObject(body);
        boolean typed = LINEITEM.equals(exchange.getRequestHeaders().getFirst("Content-Type"));
        return typed && item != null && item.get("label") instanceof String && item.get("scoreMaximum") instanceof Number ? item : null;
    }

    private String store(String context, int n, Map<String, Object> item) {
        String id = platform.origin() + "/ags/" + context + "/lineitems/" + n + "/lineitem?type_id=" + TYPE_ID;
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id", id);
        stored.putAll(item);
        lineItems.computeIfAbsent(context, k -> new ConcurrentSkipListMap<>()).put(n, stored);
        return id;
    }

    private static int number(String lineItemId) {
        String path = java.net.URI.create(lineItemId).getPath();
        return Integer.parseInt(path.split("/")[4]);
    }

    private Answer score(HttpExchange exchange, String context, int n, String body) {
        Map<String, Object> score = jsonObject(body);
        if (!SCORE.equals(exchange.getRequestHeaders().getFirst("Content-Type")) || score == null
                || !(score.get("userId") instanceof String) || !(score.get("timestamp") instanceof String)
                || !(score.get("activityProgress") instanceof String) || !(score.get("gradingProgress") instanceof String)) {
            return Answer.json(400, "{\"error\":\"a score needs userId, timestamp, activityProgress and gradingProgress, sent as " + SCORE + "\"}");
        }
        scores.computeIfAbsent(itemKey("/ags/" + context + "/lineitems/" + n), k -> new CopyOnWriteArrayList<>()).add(score);
        return new Answer(204, "application/json", "", Map.of());
    }

    private Answer results(HttpExchange exchange, String context, int n) {
        String itemId = platform.origin() + "/ags/" + context + "/lineitems/" + n + "/lineitem";
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> s : scores.getOrDefault(itemKey("/ags/" + context + "/lineitems/" + n), List.of())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", itemId + "/results/" + s.get("userId"));
            r.put("scoreOf", itemId);
            r.put("userId", s.get("userId"));
            if (s.get("scoreGiven") != null) {
                r.put("resultScore", s.get("scoreGiven"));
                r.put("resultMaximum", s.get("scoreMaximum"));
            }
            if (s.get("comment") != null) {
                r.put("comment", s.get("comment"));
            }
            latest.put((String) s.get("userId"), r);
        }
        Page page = page(exchange, new ArrayList<>(latest.values()));
        return page.linked(new Answer(200, RESULTS, JSONArrayUtils.toJSONString(page.items()), Map.of()));
    }

    private static String itemKey(String path) {
        return path.replaceFirst("/lineitem$", "");
    }

    // ---- paging

    private record Page(List<Object> items, String next, String first, String last) {
        Answer linked(Answer answer) {
            if (next == null && first == null) {
                return answer;
            }
            List<String> links = new ArrayList<>();
            if (next != null) links.add("<" + next + ">; rel=\"next\"");
            if (first != null) links.add("<" + first + ">; rel=\"first\"");
            if (last != null) links.add("<" + last + ">; rel=\"last\"");
            return answer.withHeader("Link", String.join(",", links));
        }
    }

    /** One page of {@code all} as the request asks for it, with the next page's URL in the platform's style. */
    private Page page(HttpExchange exchange, List<Object> all) {
        Map<String, String> q = new LinkedHashMap<>(Browser.queryOf(exchange.getRequestURI()));
        String base = platform.origin() + exchange.getRequestURI().getPath();
        if (paging == Paging.CANVAS) {
            int perPage = intParam(q.remove("per_page"), pageSize);
            int pageNo = Math.max(1, intParam(q.remove("page"), 1));
            int from = (pageNo - 1) * perPage;
            int lastPage = Math.max(1, (all.size() + perPage - 1) / perPage);
            String next = from + perPage < all.size() ? url(base, q, "page=" + (pageNo + 1) + "&per_page=" + perPage) : null;
            // Canvas names current, first and last too; only next matters.
            return new Page(slice(all, from, perPage), next, url(base, q, "page=1&per_page=" + perPage),
                    url(base, q, "page=" + lastPage + "&per_page=" + perPage));
        }
        int limit = intParam(q.remove("limit"), pageSize);
        int from = intParam(q.remove("from"), 0);
        String next = from + limit < all.size() ? url(base, q, "limit=" + limit + "&from=" + (from + limit)) : null;
        return new Page(slice(all, from, limit), next, null, null);
    }

    private static List<Object> slice(List<Object> all, int from, int size) {
        return from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + size));
    }

    private static String url(String base, Map<String, String> kept, String paging) {
        StringBuilder query = new StringBuilder();
        kept.forEach((k, v) -> query.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return base + "?" + query + paging;
    }

    private static int intParam(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---- plumbing

    private static Map<String, Object> jsonObject(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            return null;
        }
    }

    private static SignedJWT parse(String jwt) {
        try {
            return SignedJWT.parse(jwt);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(HttpExchange exchange) {
        try {
            return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        TestPlatform.respond(exchange, answer.status(), answer.type(), answer.body());
    }
}

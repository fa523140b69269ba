package app.tandem.it;

import app.tandem.common.HttpClients;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standards library end to end over HTTP, as a coordinator and a teacher launched through the demo LMS (real
 * OIDC login, signed id_token, launch session): import real CASE files as background jobs, refused files with
 * precise reports and nothing written, search, browse, enablement, export and re-import (round trip).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandardsIT {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)));
    private static final Pattern SESSION = Pattern.compile("X-Tandem-Session(?:&#34;|&quot;|\")\\s*:\\s*(?:&#34;|&quot;|\")([A-Za-z0-9_\\-]+)");

    private static String coordinator;
    private static String teacher;
    private static String mathFramework;
    private static int mathVersion;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    static Path data(String file) {
        return ToolHttp.standardsFile(file);
    }

    /** A launch through the demo LMS: login initiation, the platform's auth endpoint, the form post to /lti/launch. */
    static String launch(String userId, String messageHint) throws Exception {
        String issuer = Deployments.demoBase() + "/demo";
        Map<String, String> params = Map.of("iss", issuer, "login_hint", userId, "target_link_uri", Deployments.toolBase() + "/app/home",
                "lti_message_hint", messageHint, "client_id", "tandem-demo-client", "lti_deployment_id", "demo-deployment-1");
        String query = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/lti/login?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String location = login.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> auth = HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        String idToken = field(auth.body(), "id_token");
        String state = field(auth.body(), "state");
        String form = "id_token=" + URLEncoder.encode(idToken, StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/lti/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher m = SESSION.matcher(page.body());
        assertThat(m.find()).as("session token in the launch page").isTrue();
        return m.group(1);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(name + " in " + html).isTrue();
        return m.group(1);
    }

    static HttpResponse<String> get(String session, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path));
        if (session != null) {
            b.header("X-Tandem-Session", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String session, String method, String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path)).header("X-Tandem-Session", session)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject object(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    static JsonArray array(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readArray();
        }
    }

    /** Starts an import through the API and waits for its end; returns the finished job. */
    static JsonObject importFile(String name, byte[] content) throws Exception {
        HttpResponse<String> started = send(coordinator, "POST", "/api/standards/imports?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                name.endsWith(".csv") ? "text/csv" : "application/json", content);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return waitFor(object(started.body()).getString("id"));
    }

    static JsonObject waitFor(String id) throws Exception {
        return ToolHttp.waitForImport(coordinator, id);
    }

    static JsonObject waitFor(String session, String id) throws Exception {
        return ToolHttp.waitForImport(session, id);
    }

    @Test
    @Order(1)
    void coordinatorAndTeacherLaunchThroughTheDemoLms() throws Exception {
        coordinator = launch("okafor", "account:coordinator");
        teacher = launch("rivera", "alg1-p2:teacher");
        HttpResponse<String> page = get(coordinator, "/app/standards");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Standards library").contains("std-import-form");
        assertThat(get(teacher, "/app/standards").body()).contains("Standards library").doesNotContain("std-import-form");
    }

    @Test
    @Order(2)
    void withoutASessionTheApiAnswers401Json() throws Exception {
        HttpResponse<String> r = get(null, "/api/standards/frameworks");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(get("not-a-session", "/app/standards").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void importsTheRealCcssMathPackageAsABackgroundJob() throws Exception {
        JsonObject job = importFile("opensalt_ccss-math_cfpackage-2016-draft.json", Files.readAllBytes(data("opensalt_ccss-math_cfpackage-2016-draft.json")));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("items")).isEqualTo(703);
        assertThat(job.getInt("percent")).isEqualTo(100);
        assertThat(job.getInt("warnings")).isPositive();
        JsonObject report = job.getJsonObject("report");
        assertThat(report.getBoolean("committed")).isTrue();
        assertThat(report.getJsonArray("warnings").toString()).contains("educational_level").contains("non_uuid_identifier");
        mathFramework = job.getString("frameworkId");
        mathVersion = job.getInt("version");

        JsonObject crosswalk = importFile("opensalt_what-standards-could-be_case1p0.json", Files.readAllBytes(data("opensalt_what-standards-could-be_case1p0.json")));
        assertThat(crosswalk.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(crosswalk.getInt("items")).isEqualTo(16);
    }

    @Test
    @Order(4)
    void refusedFilesLeaveNothingBehindAndNameTheProblem() throws Exception {
        int before = array(get(coordinator, "/api/standards/frameworks").body()).size();
        JsonObject broken = importFile("broken.json", "{\"CFDocument\": {\"identifier\": \"x\"".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.getString("status")).isEqualTo("FAILED");
        assertThat(broken.getJsonObject("report").getJsonArray("errors").toString()).contains("malformed_json");

        String a = "00000000-0000-4000-8000-0000000000a1";
        String b = "00000000-0000-4000-8000-0000000000b2";
        String doc = UUID.randomUUID().toString();
        String cycle = "{\"CFDocument\":{\"identifier\":\"" + doc + "\",\"title\":\"Cycle\",\"creator\":\"it\"},\"CFItems\":["
                + "{\"identifier\":\"" + a + "\",\"fullStatement\":\"A\"},{\"identifier\":\"" + b + "\",\"fullStatement\":\"B\"}],"
                + "\"CFAssociations\":[" + assoc(1, a, b) + "," + assoc(2, b, a) + "]}";
        JsonObject refused = importFile("cycle.json", cycle.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.getString("status")).isEqualTo("FAILED");
        assertThat(refused.getJsonObject("report").getJsonArray("errors").toString()).contains("cycle").contains(a).contains(b);

        JsonObject csv = importFile("ngss.csv", Files.readAllBytes(data("ngss_performance-expectations_codeorg.csv")));
        assertThat(csv.getString("status")).isEqualTo("FAILED");
        assertThat(csv.getJsonObject("report").getJsonArray("errors").toString()).contains("unknown_csv");

        HttpResponse<String> dry = send(coordinator, "POST", "/api/standards/imports?validateOnly=true&name=smartlevel.json", "application/json",
                Files.readAllBytes(data("opensalt_smartlevel-test_case1p0.json")));
        assertThat(dry.statusCode()).isEqualTo(202);
        JsonObject checked = waitFor(object(dry.body()).getString("id"));
        assertThat(checked.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(checked.getJsonObject("report").getBoolean("validateOnly")).isTrue();
        assertThat(checked.getJsonObject("report").getBoolean("committed")).isFalse();

        assertThat(array(get(coordinator, "/api/standards/frameworks").body()).size()).isEqualTo(before);
        HttpResponse<String> empty = send(coordinator, "POST", "/api/standards/imports?name=empty.json", "application/json", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty");
    }

    private static String assoc(int n, String origin, String dest) {
        return "{\"identifier\":\"" + String.format("a0000000-0000-4000-8000-%012d", n) + "\",\"associationType\":\"isChildOf\","
                + "\"originNodeURI\":{\"identifier\":\"" + origin + "\",\"uri\":\"urn:o\",\"title\":\"o\"},"
                + "\"destinationNodeURI\":{\"identifier\":\"" + dest + "\",\"uri\":\"urn:d\",\"title\":\"d\"}}";
    }

    @Test
    @Order(5)
    void coordinatorSearchesByCodePrefixAndWordsWithTheLicenceNotice() throws Exception {
        JsonObject r = object(get(coordinator, "/api/standards/search?q=7.RP.A.2").body());
        assertThat(r.getJsonArray("hits")).isNotEmpty();
        assertThat(r.getJsonArray("hits").getJsonObject(0).getString("code")).endsWith("7.RP.A.2");
        assertThat(r.getJsonObject("licenceNotices").toString()).contains("National Governors Association");

        JsonObject prefix = object(get(coordinator, "/api/standards/search?q=7.RP.A&framework=" + mathFramework).body());
        assertThat(prefix.getJsonArray("hits").toString()).contains("7.RP.A.1").contains("7.RP.A.2").contains("7.RP.A.3");

        JsonObject words = object(get(coordinator, "/api/standards/search?q=" + URLEncoder.encode("proportinal relationships", StandardCharsets.UTF_8)).body());
        assertThat(words.getJsonArray("hits").getJsonObject(0).getString("code", "")).contains("RP");
        assertThat(words.getJsonArray("hits").getJsonObject(0).getJsonArray("highlights").toString()).contains("\"match\":true");

        HttpResponse<String> page = get(coordinator, "/app/standards/search?q=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;");

        HttpResponse<String> expanded = get(coordinator, "/api/standards/search?q=7.RP.A.2&expand=true");
        assertThat(expanded.statusCode()).isEqualTo(200);
        assertThat(object(expanded.body()).getJsonArray("hits")).isNotEmpty();

        HttpResponse<String> badGrade = get(coordinator, "/api/standards/search?q=ratio&grade=banana");
        assertThat(badGrade.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void browseTreeAndItemWithCrosswalksBothWays() throws Exception {
        HttpResponse<String> page = get(coordinator, "/app/standards/frameworks/" + mathFramework);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("role=\"tree\"").contains("role=\"treeitem\"").contains("National Governors Association");
        JsonArray top = array(get(coordinator, "/api/standards/frameworks/" + mathFramework + "/children").body());
        assertThat(top).isNotEmpty();
        JsonObject first = top.stream().map(v -> v.asJsonObject()).filter(o -> o.getBoolean("hasChildren")).findFirst().orElseThrow();
        JsonArray kids = array(get(coordinator, "/api/standards/frameworks/" + mathFramework + "/children?parent=" + first.getString("id")).body());
        assertThat(kids).isNotEmpty();
        assertThat(get(coordinator, "/app/standards/frameworks/" + mathFramework + "/children?parent=" + first.getString("id")).body())
                .contains("aria-level=\"2\"");

        JsonObject hit = object(get(coordinator, "/api/standards/search?q=7.RP.A.2").body()).getJsonArray("hits").getJsonObject(0);
        JsonObject item = object(get(coordinator, "/api/standards/items/" + hit.getString("id")).body());
        assertThat(item.getJsonArray("ancestors")).isNotEmpty();
        assertThat(get(coordinator, "/app/standards/items/" + hit.getString("id")).body()).contains("std-item-statement");

        // the crosswalk fixture's 7.RP.A.2 is exactMatchOf an item outside the district: shown from its side
        JsonObject wscb = object(get(coordinator, "/api/standards/search?q=7.RP.A.2").body()).getJsonArray("hits").stream()
                .map(v -> v.asJsonObject()).filter(h -> !h.getString("frameworkId").equals(mathFramework)).findFirst().orElseThrow();
        JsonObject crosswalked = object(get(coordinator, "/api/standards/items/" + wscb.getString("id")).body());
        assertThat(crosswalked.getJsonArray("associations").toString()).contains("exactMatchOf");

        assertThat(get(coordinator, "/api/standards/items/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void teachersSeeOnlyEnabledFrameworksAndCannotImport() throws Exception {
        assertThat(array(get(teacher, "/api/standards/frameworks").body())).isEmpty();
        assertThat(object(get(teacher, "/api/standards/search?q=7.RP.A.2").body()).getJsonArray("hits")).isEmpty();
        assertThat(get(teacher, "/api/standards/frameworks/" + mathFramework).statusCode()).isEqualTo(404);
        HttpResponse<String> forbidden = send(teacher, "POST", "/api/standards/imports?name=x.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(send(teacher, "PUT", "/api/standards/frameworks/" + mathFramework + "/enablement", "application/json",
                "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8)).statusCode()).isIn(403, 404);

        HttpResponse<String> enabled = send(coordinator, "PUT", "/api/standards/frameworks/" + mathFramework + "/enablement",
                "application/json", "{\"enabled\":true,\"grades\":\"7,8\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(object(enabled.body()).getString("enabledGrades")).isEqualTo("07,08");

        JsonArray visible = array(get(teacher, "/api/standards/frameworks").body());
        assertThat(visible).hasSize(1);
        assertThat(object(get(teacher, "/api/standards/search?q=7.RP.A.2").body()).getJsonArray("hits")).isNotEmpty();
        // enabled for grades 7 and 8 only: a grade-3 standard is not found by teachers
        assertThat(object(get(teacher, "/api/standards/search?q=3.OA.A.1").body()).getJsonArray("hits").toString()).doesNotContain("3.OA.A.1");
        assertThat(object(get(coordinator, "/api/standards/search?q=3.OA.A.1").body()).getJsonArray("hits").toString()).contains("3.OA.A.1");

        HttpResponse<String> bad = send(coordinator, "PUT", "/api/standards/frameworks/" + mathFramework + "/enablement",
                "application/json", "{\"enabled\":\"yes\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void exportsRoundTripAsANewVersionWithoutChanges() throws Exception {
        HttpResponse<byte[]> export = HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase()
                + "/api/standards/frameworks/" + mathFramework + "/export?format=case")).header("X-Tandem-Session", coordinator).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        String json = new String(export.body(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"CFDocument\"").contains("CCSS.Math.Content.7.RP.A.2");
        JsonObject again = importFile("roundtrip.json", export.body());
        assertThat(again.getString("status")).as(again.toString()).isEqualTo("SUCCEEDED");
        JsonObject counts = again.getJsonObject("report").getJsonObject("counts");
        assertThat(again.getInt("version")).isEqualTo(mathVersion + 1);
        assertThat(counts.getInt("items")).isEqualTo(703);
        assertThat(counts.getInt("unchanged")).isEqualTo(703);
        assertThat(counts.getInt("added") + counts.getInt("updated") + counts.getInt("retired")).isZero();

        for (String format : new String[] {"canvas", "moodle"}) {
            HttpResponse<String> csv = get(coordinator, "/api/standards/frameworks/" + mathFramework + "/export?format=" + format);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).contains("CCSS.Math.Content.7.RP.A.2");
        }
        assertThat(get(teacher, "/api/standards/frameworks/" + mathFramework + "/export?format=case").statusCode()).isEqualTo(403);
        assertThat(get(coordinator, "/api/standards/frameworks/" + mathFramework + "/export?format=pdf").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(9)
    void pageUploadIsMultipartAndShowsAProgressFragment() throws Exception {
        String boundary = "----tandem" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"opensalt_sample_case-import.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(data("opensalt_sample_case-import.csv")));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(coordinator, "POST", "/app/standards/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("data-testid=\"std-job\"");
        Matcher m = Pattern.compile("std-job-([0-9a-f-]{36})").matcher(r.body());
        assertThat(m.find()).isTrue();
        String jobId = m.group(1);
        long deadline = System.currentTimeMillis() + 60_000;
        String fragment = "";
        while (System.currentTimeMillis() < deadline) {
            fragment = get(coordinator, "/app/standards/imports/" + jobId).body();
            if (fragment.contains("data-status=\"SUCCEEDED\"") || fragment.contains("data-status=\"FAILED\"")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(fragment).contains("data-status=\"SUCCEEDED\"").contains("Imported");

        HttpResponse<String> teacherUpload = send(teacher, "POST", "/app/standards/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertThat(teacherUpload.statusCode()).isEqualTo(403);
        assertThat(teacherUpload.body()).contains("std-problem");
    }
}

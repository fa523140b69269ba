package app.tandem.it;

import static app.tandem.it.StandardsIT.array;
import static app.tandem.it.StandardsIT.data;
import static app.tandem.it.StandardsIT.get;
import static app.tandem.it.StandardsIT.object;
import static app.tandem.it.StandardsIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.CaseProviderStub;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Import from a CASE provider end to end: a provider in the test JVM (loopback, allowed for the integration tests
 * by TANDEM_STANDARDS_PROVIDER_ALLOW_LOOPBACK; whole-download limit 8 s) serves the real files of
 * shared/data/standards on CASE 1.0 and 1.1 paths, with and without OAuth 2 client credentials, and misbehaves
 * on purpose; every failure ends in a clear report with nothing imported, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandardsProviderIT {
    static final String SMART = "d0000000-0000-0000-0000-000000000000";
    static final String WSCB = "20c5134f-423d-4097-a971-3dd5152bf507";
    static final String MATH = "ccss-math-2016-draft";

    static CaseProviderStub provider;
    static String coordinator;
    static String teacher;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startProvider() {
        provider = new CaseProviderStub()
                .serve(SMART, "SmartLevel Test", data("opensalt_smartlevel-test_case1p0.json"))
                .serve(WSCB, "What Standards Could Be", data("opensalt_what-standards-could-be_case1p0.json"))
                .serve(MATH, "Common Core State Standards for Mathematics", data("opensalt_ccss-math_cfpackage-2016-draft.json"));
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    static HttpResponse<String> post(String session, JsonObjectBuilder body) throws Exception {
        return send(session, "POST", "/api/standards/imports/provider", "application/json",
                body.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject started(JsonObjectBuilder body) throws Exception {
        HttpResponse<String> r = post(coordinator, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location").orElse("")).contains("/api/standards/imports/");
        return StandardsIT.waitFor(coordinator, object(r.body()).getString("id"));
    }

    static JsonObjectBuilder url(String url) {
        return Json.createObjectBuilder().add("url", url);
    }

    static JsonObjectBuilder withCredentials(JsonObjectBuilder b, String secret) {
        return b.add("tokenUrl", provider.tokenUrl()).add("clientId", CaseProviderStub.CLIENT_ID).add("clientSecret", secret);
    }

    static int frameworks() throws Exception {
        return array(get(coordinator, "/api/standards/frameworks").body()).size();
    }

    @Test
    @Order(1)
    void coordinatorLaunches() throws Exception {
        coordinator = StandardsIT.launch("okafor", "account:coordinator");
        teacher = StandardsIT.launch("rivera", "alg1-p2:teacher");
        String page = get(coordinator, "/app/standards").body();
        assertThat(page).contains("data-testid=\"std-provider-form\"").contains("name=\"clientSecret\"");
    }

    @Test
    @Order(2)
    void importsACase10PackageByUrlWithoutCredentials() throws Exception {
        JsonObject job = started(url(provider.packageUrl("", "v1p0", SMART)));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("items")).isEqualTo(14);
        assertThat(job.getString("source")).isEqualTo(provider.packageUrl("", "v1p0", SMART));
        assertThat(job.getJsonNumber("sizeBytes").longValue()).isEqualTo(Files.size(data("opensalt_smartlevel-test_case1p0.json")));
        assertThat(job.getJsonObject("report").getBoolean("committed")).isTrue();
        if ("postgres".equals(System.getProperty("tandem.it.database"))) {
            // inside Liberty the driver's COPY API is reached through the connection wrapper (PgCopy)
            assertThat(messagesLog()).contains("Standards imports write new rows with PostgreSQL COPY");
        }
    }

    @Test
    @Order(3)
    void importsWithOAuth2ClientCredentials() throws Exception {
        int tokens = provider.tokensIssued();
        JsonObject job = started(withCredentials(url(provider.packageUrl("/secure", "v1p1", MATH)), CaseProviderStub.CLIENT_SECRET));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("items")).isEqualTo(703);
        assertThat(provider.tokensIssued()).isEqualTo(tokens + 1);
        assertThat(provider.requests).anyMatch(r -> r.startsWith("GET /secure/ims/case/v1p1/CFPackages/" + MATH + " Bearer"));

        // the same package without credentials: the provider's 401 is reported, nothing changes
        int before = frameworks();
        JsonObject refused = started(url(provider.packageUrl("/secure", "v1p1", MATH)));
        assertProblem(refused, "provider_status", "401");
        assertThat(frameworks()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aWrongSecretIsRefusedByTheTokenEndpointAndNeverShown() throws Exception {
        int before = frameworks();
        String secret = "wrong-secret-" + System.nanoTime();
        JsonObject job = started(withCredentials(url(provider.packageUrl("/secure", "v1p1", WSCB)), secret));
        assertProblem(job, "provider_auth", "401");
        assertThat(job.toString()).doesNotContain(secret);
        assertThat(frameworks()).isEqualTo(before);
        assertThat(messagesLog()).doesNotContain(secret).doesNotContain(CaseProviderStub.CLIENT_SECRET);
    }

    @Test
    @Order(5)
    void aListingOffersItsDocumentsAndOneIsPickedByItsPackageUrl() throws Exception {
        HttpResponse<String> listed = post(coordinator, url(provider.base()));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonObject listing = object(listed.body());
        assertThat(listing.getString("caseVersion")).isEqualTo("v1p1");
        assertThat(listing.getJsonArray("documents")).hasSize(3);
        JsonObject wscb = listing.getJsonArray("documents").stream().map(v -> v.asJsonObject())
                .filter(d -> d.getString("identifier").equals(WSCB)).findFirst().orElseThrow();
        assertThat(wscb.getString("packageUrl")).isEqualTo(provider.packageUrl("", "v1p1", WSCB));

        JsonObject job = started(url(provider.base()).add("package", wscb.getString("packageUrl")));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("items")).isEqualTo(16);

        HttpResponse<String> v10 = post(coordinator, url(provider.base() + "/ims/case/v1p0/CFDocuments"));
        assertThat(object(v10.body()).getString("caseVersion")).isEqualTo("v1p0");
    }

    @Test
    @Order(6)
    void thePageListsDocumentsAndStartsAJobWithAProgressFragment() throws Exception {
        HttpResponse<String> listing = form("url=" + enc(provider.base()));
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        assertThat(listing.body()).contains("data-testid=\"std-provider-documents\"").contains("What Standards Could Be")
                .contains("form=\"std-provider-form\" name=\"package\"");

        HttpResponse<String> started = form("url=" + enc(provider.base()) + "&package=" + enc(provider.packageUrl("", "v1p1", SMART))
                + "&validateOnly=on");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        Matcher m = Pattern.compile("std-job-([0-9a-f-]{36})").matcher(started.body());
        assertThat(m.find()).as(started.body()).isTrue();
        JsonObject job = StandardsIT.waitFor(coordinator, m.group(1));
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getJsonObject("report").getBoolean("validateOnly")).isTrue();
        assertThat(job.getJsonObject("report").getBoolean("committed")).isFalse();

        HttpResponse<String> bad = form("url=" + enc("ftp://example.org/ims/case/v1p1/CFPackages/x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("std-problem").contains("ftp");
    }

    @Test
    @Order(7)
    void badProvidersEndInAClearReportAndImportNothing() throws Exception {
        int before = frameworks();
        assertProblem(started(url(provider.packageUrl("/status/404", "v1p1", SMART))), "provider_status", "404 Not Found");
        assertProblem(started(url(provider.packageUrl("/status/503", "v1p1", SMART))), "provider_status", "503");
        assertProblem(started(url(provider.packageUrl("/html", "v1p1", SMART))), "provider_not_json", "web page");
        assertProblem(started(url(provider.packageUrl("/text", "v1p1", SMART))), "provider_not_json", "not JSON");
        assertProblem(started(url(provider.packageUrl("/slow", "v1p1", SMART))), "provider_timeout", "8 s");
        assertProblem(started(url(provider.packageUrl("/stall", "v1p1", SMART))), "provider_timeout", "8 s");
        assertProblem(started(url(provider.packageUrl("/redirect-away", "v1p1", SMART))), "provider_redirect", "same host");
        assertProblem(started(url("http://127.0.0.1:1/ims/case/v1p1/CFPackages/x")), "provider_unreachable", "127.0.0.1");

        // JSON, but not a CASE package: the ordinary import report
        JsonObject wrong = started(url(provider.packageUrl("/wrong", "v1p1", SMART)));
        assertThat(wrong.getString("status")).isEqualTo("FAILED");
        assertThat(wrong.getJsonObject("report").getJsonArray("errors").toString()).containsAnyOf("not_a_package", "missing_document");
        assertThat(frameworks()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void urlsThatMustNotBeFetchedAreRefusedAtOnce() throws Exception {
        assertRefused(url("not a url"), "url", "invalid_url");
        assertRefused(url("file:///etc/passwd"), "url", "invalid_url");
        assertRefused(url("gopher://example.org/ims/case/v1p1/CFPackages/x"), "url", "invalid_url");
        assertRefused(url("http://169.254.169.254/latest/meta-data/ims/case/v1p1/CFPackages/x"), "url", "refused_address");
        assertRefused(url("http://[fe80::1]/ims/case/v1p1/CFPackages/x"), "url", "refused_address");
        assertRefused(url("http://0.0.0.0:" + Deployments.httpPort() + "/ims/case/v1p1/CFPackages/x"), "url", "refused_address");
        assertRefused(url(provider.packageUrl("", "v1p1", SMART)).add("clientId", "only-an-id"), "tokenUrl", "required with client credentials");
        assertRefused(withCredentials(url(provider.packageUrl("", "v1p1", SMART)), "x").add("tokenUrl", "http://169.254.169.254/token"),
                "tokenUrl", "refused_address");
        assertRefused(url(provider.base() + "/status/404/ims/case/v1p1/CFDocuments"), "url", "provider_status");
        assertRefused(url(provider.base()).add("validateOnly", "yes"), "validateOnly", "boolean");

        HttpResponse<String> teacherTry = post(teacher, url(provider.packageUrl("", "v1p1", SMART)));
        assertThat(teacherTry.statusCode()).isEqualTo(403);
        assertThat(post(teacher, url("http://169.254.169.254/")).statusCode()).isEqualTo(403);
    }

    private static void assertRefused(JsonObjectBuilder body, String field, String code) throws Exception {
        HttpResponse<String> r = post(coordinator, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(object(r.body()).getJsonObject("fields").getString(field, "")).as(r.body()).contains(code);
    }

    private static void assertProblem(JsonObject job, String code, String text) {
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("FAILED");
        JsonObject report = job.getJsonObject("report");
        assertThat(report.getBoolean("committed")).isFalse();
        assertThat(report.getString("problemCode", "")).as(job.toString()).isEqualTo(code);
        assertThat(report.getString("problem", "")).contains(text).contains("Nothing was imported");
    }

    private static HttpResponse<String> form(String body) throws Exception {
        return send(coordinator, "POST", "/app/standards/imports/provider", "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String messagesLog() throws Exception {
        String serverName = System.getProperty("tandem.it.serverName", "tandemit9080");
        Path log = Path.of("target/liberty/wlp/usr/servers", serverName, "logs/messages.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }
}

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
    static void stopProvider() throws Exception {
        if (provider != null) {
            provider.close();
        }
        // the district is shared with StandardsIT and CoverageIT, which count the enabled frameworks
        if (coordinator != null && smartFramework != null) {
            assertThat(api(coordinator, "PUT", "/api/standards/frameworks/" + smartFramework + "/enablement",
                    Json.createObjectBuilder().add("enabled", false)).statusCode()).isEqualTo(200);
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

    // ---- saved providers ---------------------------------------------------------------------------------------

    static String savedSecure;
    static String smartFramework;
    static String teacherSection;
    static String aligned;
    static String alignedStandard;

    static HttpResponse<String> api(String session, String method, String path, JsonObjectBuilder body) throws Exception {
        return send(session, method, path, "application/json", body == null ? new byte[0] : body.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonObjectBuilder saving(String name, String url, String secret) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", name).add("url", url);
        return secret == null ? b : b.add("tokenUrl", provider.tokenUrl()).add("clientId", CaseProviderStub.CLIENT_ID).add("clientSecret", secret);
    }

    @Test
    @Order(9)
    void aCoordinatorSavesAProviderWhoseSecretIsNeverReturned() throws Exception {
        HttpResponse<String> created = api(coordinator, "POST", "/api/standards/providers",
                saving("State CASE server", provider.base() + "/secure", CaseProviderStub.CLIENT_SECRET));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject p = object(created.body());
        savedSecure = p.getString("id");
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/standards/providers/" + savedSecure);
        assertThat(p.getBoolean("hasSecret")).isTrue();
        assertThat(p.getString("clientId")).isEqualTo(CaseProviderStub.CLIENT_ID);

        String list = get(coordinator, "/api/standards/providers").body();
        assertThat(array(list).stream().map(v -> v.asJsonObject().getString("id"))).contains(savedSecure);
        for (String answer : new String[] {created.body(), list, get(coordinator, "/api/standards/providers/" + savedSecure).body(),
                get(coordinator, "/app/standards/providers").body(), get(coordinator, "/app/standards/providers/" + savedSecure + "/edit").body()}) {
            assertThat(answer).doesNotContain("s3cret").doesNotContain("clientSecret\":").doesNotContain("eyJ");
        }
        assertThat(get(coordinator, "/app/standards/providers/" + savedSecure + "/edit").body()).contains("saved — leave blank to keep");
        assertThat(get(coordinator, "/app/standards/providers").body()).contains("data-testid=\"std-providers\"").contains("State CASE server");
        assertThat(messagesLog()).doesNotContain(CaseProviderStub.CLIENT_SECRET);
    }

    @Test
    @Order(10)
    void badInputIsA400WithFieldErrorsAndTeachersAre403() throws Exception {
        HttpResponse<String> bad = api(coordinator, "POST", "/api/standards/providers", Json.createObjectBuilder().add("url", "gopher://x")
                .add("clientId", "only-an-id"));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(object(bad.body()).getJsonObject("fields").keySet()).contains("name", "url", "tokenUrl", "clientSecret");
        assertThat(api(coordinator, "POST", "/api/standards/providers", Json.createObjectBuilder().add("name", 5)).statusCode()).isEqualTo(400);
        assertThat(send(coordinator, "POST", "/api/standards/providers", "application/json", "{not json".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(400);
        HttpResponse<String> page = send(coordinator, "POST", "/app/standards/providers", "application/x-www-form-urlencoded",
                "name=&url=ftp%3A%2F%2Fx".getBytes(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("std-problem");

        assertThat(get(teacher, "/api/standards/providers").statusCode()).isEqualTo(403);
        assertThat(api(teacher, "POST", "/api/standards/providers", saving("Mine", provider.base(), null)).statusCode()).isEqualTo(403);
        assertThat(get(teacher, "/api/standards/providers/" + savedSecure).statusCode()).isEqualTo(403);
        assertThat(get(null, "/api/standards/providers").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(11)
    void browseImportAndTheFrameworkRemembersItsSource() throws Exception {
        HttpResponse<String> listed = get(coordinator, "/api/standards/providers/" + savedSecure + "/documents");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonObject smart = object(listed.body()).getJsonArray("documents").stream().map(v -> v.asJsonObject())
                .filter(d -> d.getString("identifier").equals(SMART)).findFirst().orElseThrow();
        assertThat(smart.getString("lastChangeDateTime")).isEqualTo("2017-09-22T23:13:54+00:00");
        assertThat(get(coordinator, "/app/standards/providers/" + savedSecure + "/documents").body())
                .contains("data-testid=\"std-provider-browse\"").contains("SmartLevel Test");

        // a package of another provider is refused
        HttpResponse<String> foreignPackage = api(coordinator, "POST", "/api/standards/providers/" + savedSecure + "/imports",
                Json.createObjectBuilder().add("package", "https://elsewhere.example/ims/case/v1p1/CFPackages/x"));
        assertThat(foreignPackage.statusCode()).as(foreignPackage.body()).isEqualTo(400);

        int tokens = provider.tokensIssued();
        HttpResponse<String> started = api(coordinator, "POST", "/api/standards/providers/" + savedSecure + "/imports",
                Json.createObjectBuilder().add("package", smart.getString("packageUrl")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonObject job = StandardsIT.waitFor(coordinator, object(started.body()).getString("id"));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(provider.tokensIssued()).isEqualTo(tokens + 1);
        smartFramework = job.getString("frameworkId");

        JsonObject source = object(get(coordinator, "/api/standards/frameworks/" + smartFramework + "/source").body());
        assertThat(source.getString("providerId")).isEqualTo(savedSecure);
        assertThat(source.getString("providerName")).isEqualTo("State CASE server");
        assertThat(source.getString("packageUrl")).isEqualTo(provider.packageUrl("/secure", "v1p1", SMART));
        assertThat(source.getString("lastChangeDateTime")).isEqualTo("2017-09-22T23:13:54+00:00");
        assertThat(get(coordinator, "/app/standards/frameworks/" + smartFramework).body()).contains("data-testid=\"std-source\"")
                .contains("Re-import from provider").contains("Check for update");

        JsonObject upToDate = object(api(coordinator, "POST", "/api/standards/frameworks/" + smartFramework + "/update-check", null).body());
        assertThat(upToDate.getBoolean("newer")).as(upToDate.toString()).isFalse();
        assertThat(upToDate.getString("message")).startsWith("Up to date");
    }

    @Test
    @Order(12)
    void aNewerVersionIsDetectedAndReimportedInOneClickKeepingAlignments() throws Exception {
        // a teacher aligns a course item to "Item 2" of the framework
        assertThat(api(coordinator, "PUT", "/api/standards/frameworks/" + smartFramework + "/enablement",
                Json.createObjectBuilder().add("enabled", true)).statusCode()).isEqualTo(200);
        Matcher section = Pattern.compile("data-section-id=\"([0-9a-f-]{36})\"").matcher(get(teacher, "/app/course").body());
        assertThat(section.find()).isTrue();
        teacherSection = section.group(1);
        HttpResponse<String> unit = api(teacher, "POST", "/api/sections/" + teacherSection + "/units", Json.createObjectBuilder().add("title", "Levels"));
        assertThat(unit.statusCode()).as(unit.body()).isEqualTo(201);
        HttpResponse<String> item = api(teacher, "POST", "/api/sections/" + teacherSection + "/items", Json.createObjectBuilder()
                .add("unitId", object(unit.body()).getString("id")).add("title", "Levels worksheet").add("url", "https://worksheets.example/levels")
                .add("resourceType", "activity"));
        assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
        String itemId = object(item.body()).getString("id");
        alignedStandard = StandardsIT.array(get(coordinator, "/api/standards/frameworks/" + smartFramework + "/children").body()).stream()
                .map(v -> v.asJsonObject()).filter(n -> n.getString("fullStatement").equals("Item 2")).findFirst().orElseThrow().getString("id");
        HttpResponse<String> align = api(teacher, "POST", "/api/sections/" + teacherSection + "/alignments", Json.createObjectBuilder()
                .add("itemId", itemId).add("standardId", alignedStandard).add("type", "TEACHES"));
        assertThat(align.statusCode()).as(align.body()).isIn(200, 201);
        aligned = object(align.body()).getString("id");
        int versionBefore = object(get(coordinator, "/api/standards/frameworks/" + smartFramework).body()).getInt("version");

        // the provider publishes a newer version
        Path newer = CaseProviderStub.newerVersion(data("opensalt_smartlevel-test_case1p0.json"), Files.createTempDirectory("newer-case"),
                "2026-11-20T08:00:00+00:00", "\"fullStatement\": \"Item 2\"", "\"fullStatement\": \"Item 2, revised\"");
        provider.serve(SMART, "SmartLevel Test", newer);
        try {
            JsonObject check = object(api(coordinator, "POST", "/api/standards/frameworks/" + smartFramework + "/update-check", null).body());
            assertThat(check.getBoolean("newer")).as(check.toString()).isTrue();
            assertThat(check.getString("message")).isEqualTo("A newer version is available (changed 2026-11-20T08:00:00+00:00).");
            assertThat(api(coordinator, "POST", "/app/standards/frameworks/" + smartFramework + "/update-check", null).body())
                    .contains("data-newer=\"true\"").contains("A newer version is available");

            HttpResponse<String> re = api(coordinator, "POST", "/api/standards/frameworks/" + smartFramework + "/reimport", null);
            assertThat(re.statusCode()).as(re.body()).isEqualTo(202);
            JsonObject job = StandardsIT.waitFor(coordinator, object(re.body()).getString("id"));
            assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.getString("frameworkId")).isEqualTo(smartFramework);
            assertThat(job.getInt("version")).isEqualTo(versionBefore + 1);

            assertThat(object(get(coordinator, "/api/standards/items/" + alignedStandard).body()).getString("fullStatement")).isEqualTo("Item 2, revised");
            assertThat(array(get(teacher, "/api/sections/" + teacherSection + "/alignments?itemId=" + itemId).body()).stream()
                    .map(v -> v.asJsonObject().getString("id"))).containsExactly(aligned);
            assertThat(object(get(coordinator, "/api/standards/frameworks/" + smartFramework + "/source").body())
                    .getString("lastChangeDateTime")).isEqualTo("2026-11-20T08:00:00+00:00");
            JsonObject after = object(api(coordinator, "POST", "/api/standards/frameworks/" + smartFramework + "/update-check", null).body());
            assertThat(after.getBoolean("newer")).isFalse();

            // the page's button starts the same job and answers the progress fragment
            HttpResponse<String> page = api(coordinator, "POST", "/app/standards/frameworks/" + smartFramework + "/reimport", null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            Matcher m = Pattern.compile("std-job-([0-9a-f-]{36})").matcher(page.body());
            assertThat(m.find()).as(page.body()).isTrue();
            assertThat(StandardsIT.waitFor(coordinator, m.group(1)).getString("status")).isEqualTo("SUCCEEDED");
        } finally {
            provider.serve(SMART, "SmartLevel Test", data("opensalt_smartlevel-test_case1p0.json"));
        }
    }

    @Test
    @Order(13)
    void aWrongStoredSecretEndsTheJobWithProviderAuthAndImportsNothing() throws Exception {
        HttpResponse<String> created = api(coordinator, "POST", "/api/standards/providers",
                saving("Wrong secret", provider.base() + "/secure", "wrong-" + System.nanoTime()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = object(created.body()).getString("id");
        int before = frameworks();
        HttpResponse<String> started = api(coordinator, "POST", "/api/standards/providers/" + id + "/imports",
                Json.createObjectBuilder().add("package", provider.packageUrl("/secure", "v1p1", WSCB)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertProblem(StandardsIT.waitFor(coordinator, object(started.body()).getString("id")), "provider_auth", "401");
        assertThat(frameworks()).isEqualTo(before);
        // browsing says so at once
        HttpResponse<String> browse = get(coordinator, "/api/standards/providers/" + id + "/documents");
        assertThat(browse.statusCode()).isEqualTo(400);
        assertThat(object(browse.body()).getJsonObject("fields").getString("provider")).isEqualTo("provider_auth");
    }

    @Test
    @Order(14)
    void anotherDistrictsCoordinatorGets404AndEditingAndDeletingWork() throws Exception {
        TestPlatform other = TestPlatform.start("StandardsProviderIT-other");
        try {
            String foreign = Html.sessionToken(other.launch(new Browser(), TestPlatform.Person.of("Fay Foreign", null,
                    TestPlatform.INSTITUTION_ADMIN)).body());
            assertThat(array(get(foreign, "/api/standards/providers").body()).stream().map(v -> v.asJsonObject().getString("id")))
                    .doesNotContain(savedSecure);
            assertThat(get(foreign, "/api/standards/providers/" + savedSecure).statusCode()).isEqualTo(404);
            assertThat(get(foreign, "/api/standards/providers/" + savedSecure + "/documents").statusCode()).isEqualTo(404);
            assertThat(api(foreign, "PUT", "/api/standards/providers/" + savedSecure, saving("Theirs", provider.base(), null)).statusCode())
                    .isEqualTo(404);
            assertThat(api(foreign, "DELETE", "/api/standards/providers/" + savedSecure, null).statusCode()).isEqualTo(404);
            assertThat(api(foreign, "POST", "/api/standards/frameworks/" + smartFramework + "/reimport", null).statusCode()).isEqualTo(404);
            assertThat(api(foreign, "POST", "/api/standards/frameworks/" + smartFramework + "/update-check", null).statusCode()).isEqualTo(404);
        } finally {
            other.close();
        }

        // edit: a blank secret keeps the stored one (the provider still signs in)
        HttpResponse<String> edited = api(coordinator, "PUT", "/api/standards/providers/" + savedSecure, Json.createObjectBuilder()
                .add("name", "State server (renamed)").add("url", provider.base() + "/secure").add("tokenUrl", provider.tokenUrl())
                .add("clientId", CaseProviderStub.CLIENT_ID).add("clientSecret", ""));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(object(edited.body()).getBoolean("hasSecret")).isTrue();
        assertThat(get(coordinator, "/api/standards/providers/" + savedSecure + "/documents").statusCode()).isEqualTo(200);

        // delete: the framework stays, without one-click re-import
        assertThat(api(coordinator, "DELETE", "/api/standards/providers/" + savedSecure, null).statusCode()).isEqualTo(204);
        assertThat(get(coordinator, "/api/standards/providers/" + savedSecure).statusCode()).isEqualTo(404);
        assertThat(get(coordinator, "/api/standards/frameworks/" + smartFramework).statusCode()).isEqualTo(200);
        assertThat(object(get(coordinator, "/api/standards/frameworks/" + smartFramework + "/source").body()).containsKey("providerId")).isFalse();
        assertThat(api(coordinator, "POST", "/api/standards/frameworks/" + smartFramework + "/reimport", null).statusCode()).isEqualTo(409);
        assertThat(array(get(teacher, "/api/sections/" + teacherSection + "/alignments").body()).stream()
                .map(v -> v.asJsonObject().getString("id"))).contains(aligned);
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

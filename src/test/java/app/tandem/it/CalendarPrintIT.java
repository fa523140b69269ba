package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calendar feeds, print view and PDF, cancelled lessons and the coordinators' co-teaching view, over HTTP, run
 * inside the server (it writes the link-group rows the invitation flow would create, and a section's school).
 * The feed is parsed back with ical4j and the PDF's text is extracted with PDFBox.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarPrintIT {
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("CalendarPrintIT");
    private static final PlatformPerJvm OTHER = new PlatformPerJvm("CalendarPrintIT-other");
    /** Today (UTC): inside the coordinator report's current week whatever the weekday. */
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).toString();
    private static final Pattern FEED_URL = Pattern.compile("value=\"(http[^\"]+/calendar/([A-Za-z0-9_-]{43})\\.ics)\"");

    private static final Map<String, String> SESSIONS = new LinkedHashMap<>();
    private static final SessionHttp TOOL = new SessionHttp(SESSIONS, Duration.ofSeconds(60));
    private static String stationPlan;
    private static String teamPlan;
    private static String strangerPlan;
    private static String feedUrl;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(LinkGroups.class, SessionHttp.class);
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        OTHER.close();
    }

    @Test
    @Order(1)
    void twoLinkGroupsWithPlans() {
        TestPlatform a = PLATFORM.get();
        Section p2 = Section.named("Biology, period 2 (CalendarPrintIT)");
        Section p5 = Section.named("Biology, period 5 (CalendarPrintIT)");
        Section geo = Section.named("Geometry A (CalendarPrintIT)");
        Section geo2 = Section.named("Geometry B (CalendarPrintIT)");
        SESSIONS.put("rivera", SessionHttp.launch(a, Person.of("Maria Rivera", p2, INSTRUCTOR)));
        SESSIONS.put("chen", SessionHttp.launch(a, Person.of("David Chen", p5, INSTRUCTOR)));
        SESSIONS.put("lone", SessionHttp.launch(a, Person.of("Pat Lone", geo, INSTRUCTOR)));
        SESSIONS.put("gina", SessionHttp.launch(a, Person.of("Gina Geo", geo2, INSTRUCTOR)));
        SESSIONS.put("ava", SessionHttp.launch(a, Person.of("Ava Lovelace", p2, LEARNER)));
        SESSIONS.put("coordinator", SessionHttp.launch(a, Person.of("Grace Coordinator", null, INSTITUTION_ADMIN)));
        TestPlatform b = OTHER.get();
        SESSIONS.put("otherCoordinator", SessionHttp.launch(b, Person.of("Olga Elsewhere", null, INSTITUTION_ADMIN)));

        String p2Id = LinkGroups.sectionId(a.registrationId(), p2.id());
        LinkGroups.link(a.districtId(), "Biology co-teaching", p2Id, LinkGroups.sectionId(a.registrationId(), p5.id()));
        LinkGroups.link(a.districtId(), "Geometry co-teaching", LinkGroups.sectionId(a.registrationId(), geo.id()), LinkGroups.sectionId(a.registrationId(), geo2.id()));
        school(p2Id, a.districtId(), "North High");

        stationPlan = create("rivera", "STATION", "Cells at stations, part 1");
        teamPlan = create("chen", "TEAM", "Mitosis together");
        strangerPlan = create("lone", "PARALLEL", "Angles in parallel");
    }

    private static String create(String who, String model, String title) {
        HttpResponse<String> r = TOOL.send(who, "POST", "/api/plans",
                Json.createObjectBuilder().add("model", model).add("title", title).add("date", DAY).add("periodMinutes", 50).build().toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return SessionHttp.object(r.body()).getString("id");
    }

    // ---- calendar

    @Test
    @Order(2)
    void aTeacherSubscribesAndTheFeedListsThePlansOfHerGroupsOnly() throws Exception {
        HttpResponse<String> panel = TOOL.get("rivera", "/app/calendar");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("data-testid=\"calendar-create\"").doesNotContain("calendar-active");
        assertThat(TOOL.get("rivera", "/app/plans").body()).contains("data-testid=\"calendar-open\"");

        HttpResponse<String> issued = TOOL.form("rivera", "/app/calendar");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.body()).contains("data-testid=\"calendar-issued\"").contains("webcal://").contains("data-testid=\"calendar-active\"")
                .contains("Google Calendar");
        Matcher m = FEED_URL.matcher(issued.body());
        assertThat(m.find()).as(issued.body()).isTrue();
        feedUrl = m.group(1);
        // shown once: the panel never shows it again, and the database holds only its hash
        assertThat(TOOL.get("rivera", "/app/calendar").body()).doesNotContain(m.group(2)).contains("calendar-active").contains("not fetched by a calendar yet");
        assertThat(storedFeedHashes()).doesNotContain(m.group(2)).contains(sha256(m.group(2)));

        HttpResponse<String> feed = fetch(feedUrl);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/calendar;charset=utf-8");
        assertThat(feed.headers().firstValue("Cache-Control").orElse("")).contains("private").contains("no-store");
        Map<String, VEvent> events = events(feed.body());
        String host = URI.create(Deployments.toolBase()).getHost();
        assertThat(events).containsOnlyKeys(stationPlan + "@" + host, teamPlan + "@" + host);
        VEvent station = events.get(stationPlan + "@" + host);
        assertThat(prop(station, "SUMMARY")).isEqualTo("Cells at stations, part 1 (Station teaching)");
        assertThat(prop(station, "SEQUENCE")).isEqualTo("0");
        assertThat(prop(station, "STATUS")).isEqualTo("TENTATIVE");
        assertThat(prop(station, "DTSTART")).isEqualTo(DAY.replace("-", ""));
        assertThat(prop(station, "DESCRIPTION")).contains("Model: Station teaching").contains("Maria Rivera").contains("David Chen")
                .doesNotContain("Ava");
        assertThat(feed.body()).doesNotContain("X-Tandem-Session").doesNotContain(SESSIONS.get("rivera"));
        assertThat(TOOL.get("rivera", "/app/calendar").body()).contains("last fetched by a calendar");

        // the co-teacher's own feed lists the same group's plans; the other group's teacher sees only his
        HttpResponse<String> lones = TOOL.form("lone", "/app/calendar");
        Matcher lm = FEED_URL.matcher(lones.body());
        assertThat(lm.find()).isTrue();
        assertThat(events(fetch(lm.group(1)).body())).containsOnlyKeys(strangerPlan + "@" + host);
    }

    @Test
    @Order(3)
    void anEditRaisesTheSequenceAndPublishingConfirms() throws Exception {
        JsonObject plan = SessionHttp.object(TOOL.get("rivera", "/api/plans/" + stationPlan).body());
        long v = plan.getInt("version");
        JsonObject doc = Json.createObjectBuilder(plan.getJsonObject("plan")).add("startTime", "08:30").add("endTime", "09:20").build();
        HttpResponse<String> saved = TOOL.send("chen", "PUT", "/api/plans/" + stationPlan,
                Json.createObjectBuilder().add("baseVersion", v).add("plan", doc).build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        VEvent station = event(stationPlan);
        assertThat(prop(station, "SEQUENCE")).isEqualTo(String.valueOf(v));
        assertThat(prop(station, "DTSTART")).isEqualTo(DAY.replace("-", "") + "T083000");
        assertThat(prop(station, "DTEND")).isEqualTo(DAY.replace("-", "") + "T092000");
        assertThat(station.getProperty("DTSTART").orElseThrow().getParameter("TZID")).as("floating time").isEmpty();

        assertThat(TOOL.form("rivera", "/api/plans/" + stationPlan + "/publish").statusCode()).isEqualTo(200);
        VEvent published = event(stationPlan);
        assertThat(prop(published, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(Integer.parseInt(prop(published, "SEQUENCE"))).isGreaterThan(Integer.parseInt(prop(station, "SEQUENCE")));
    }

    @Test
    @Order(4)
    void aCancelledLessonIsCancelledInTheFeed() throws Exception {
        int before = Integer.parseInt(prop(event(teamPlan), "SEQUENCE"));
        // only the group's teachers cancel: a stranger learns nothing, coordinators read only, students are refused
        assertThat(TOOL.form("lone", "/app/plans/" + teamPlan + "/cancel").statusCode()).isEqualTo(404);
        assertThat(TOOL.form("coordinator", "/app/plans/" + teamPlan + "/cancel").statusCode()).isEqualTo(403);
        assertThat(TOOL.form("ava", "/app/plans/" + teamPlan + "/cancel").statusCode()).isIn(403, 404);
        assertThat(TOOL.form(null, "/app/plans/" + teamPlan + "/cancel").statusCode()).isEqualTo(401);
        assertThat(TOOL.get("chen", "/app/plans/" + teamPlan).body()).contains("data-testid=\"plan-cancel\"").contains("data-testid=\"plan-print\"");

        HttpResponse<String> cancelled = TOOL.form("rivera", "/app/plans/" + teamPlan + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("data-testid=\"plan-cancelled\"").contains("Mitosis together");
        assertThat(TOOL.get("chen", "/api/plans/" + teamPlan).statusCode()).isEqualTo(404);
        assertThat(TOOL.form("rivera", "/app/plans/" + teamPlan + "/cancel").statusCode()).isEqualTo(404);

        VEvent gone = event(teamPlan);
        assertThat(prop(gone, "STATUS")).isEqualTo("CANCELLED");
        assertThat(Integer.parseInt(prop(gone, "SEQUENCE"))).isGreaterThan(before);
        assertThat(prop(gone, "DESCRIPTION")).contains("Cancelled by Maria Rivera");
    }

    @Test
    @Order(5)
    void regeneratingAndRevokingKillTheOldUrlAndUnknownSecretsAre404() {
        HttpResponse<String> again = TOOL.form("rivera", "/app/calendar");
        assertThat(again.body()).contains("the old one no longer works");
        Matcher m = FEED_URL.matcher(again.body());
        assertThat(m.find()).isTrue();
        String fresh = m.group(1);
        assertThat(fresh).isNotEqualTo(feedUrl);
        HttpResponse<String> old = fetch(feedUrl);
        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(old.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(old.body()).isEqualTo("Not found.\n");
        assertThat(fetch(fresh).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = TOOL.form("rivera", "/app/calendar/revoke");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("Subscription stopped").contains("data-testid=\"calendar-create\"");
        assertThat(fetch(fresh).statusCode()).isEqualTo(404);

        String base = Deployments.toolBase() + "/calendar/";
        for (String probe : List.of("x.ics", "x", UUID.randomUUID() + ".ics", "A".repeat(43) + ".ics", "A".repeat(43))) {
            HttpResponse<String> r = fetch(base + probe);
            assertThat(r.statusCode()).as(probe).isEqualTo(404);
            assertThat(r.body()).as(probe).doesNotContain("Exception").doesNotContain("Biology");
        }
        // Liberty itself refuses an encoded dot segment
        assertThat(fetch(base + "%2e%2e.ics").statusCode()).isIn(400, 404);
        assertThat(TOOL.get("ava", "/app/calendar").statusCode()).isEqualTo(403);
        assertThat(TOOL.form("coordinator", "/app/calendar").statusCode()).isEqualTo(403);
        assertThat(TOOL.get(null, "/app/calendar").statusCode()).isEqualTo(401);
        assertThat(TOOL.get("rivera", "/calendar/revoke").statusCode()).as("state changes only by POST").isEqualTo(404);
    }

    // ---- print and PDF

    @Test
    @Order(6)
    void thePrintViewShowsEverySectionToItsReadersOnly() {
        String standard = enabledStandardWithLicence();
        JsonObject plan = SessionHttp.object(TOOL.get("rivera", "/api/plans/" + stationPlan).body());
        JsonObject doc = Json.createObjectBuilder(plan.getJsonObject("plan")).add("differentiation", "Sentence frames <b>at</b> station 2.")
                .add("standards", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", standard))).build();
        HttpResponse<String> saved = TOOL.send("rivera", "PUT", "/api/plans/" + stationPlan,
                Json.createObjectBuilder().add("baseVersion", plan.getInt("version")).add("plan", doc).build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        HttpResponse<String> view = TOOL.get("chen", "/app/plans/" + stationPlan + "/print");
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(view.body()).contains("data-testid=\"plan-print\"").contains("Cells at stations, part 1").contains("Model: Station teaching")
                .contains("Roles and tasks").contains("Stations").contains("minutes planned").contains("Materials").contains("CPI.LS.1")
                .contains("Cells are the basic unit of life.").contains("data-testid=\"print-licence\"").contains("CC BY 4.0 for CalendarPrintIT")
                .contains("Sentence frames &lt;b&gt;at&lt;/b&gt; station 2.").contains("Student agenda").contains("static/plan-print.css")
                .contains("action=\"/tandem-it/app/plans/" + stationPlan + ".pdf\"").contains("name=\"session\"");
        assertThat(view.body()).doesNotContain("?session=").doesNotContain("<b>at</b>");
        assertThat(TOOL.get("coordinator", "/app/plans/" + stationPlan + "/print").statusCode()).isEqualTo(200);
        assertThat(TOOL.get("ava", "/app/plans/" + stationPlan + "/print").statusCode()).isEqualTo(403);
        assertThat(TOOL.get("lone", "/app/plans/" + stationPlan + "/print").statusCode()).isEqualTo(404);
        assertThat(TOOL.get("otherCoordinator", "/app/plans/" + stationPlan + "/print").statusCode()).isEqualTo(404);
        assertThat(TOOL.get(null, "/app/plans/" + stationPlan + "/print").statusCode()).isEqualTo(401);

        HttpResponse<String> page = TOOL.form(null, "/app/plans/" + stationPlan + "/print", "session", SESSIONS.get("rivera"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<link rel=\"stylesheet\" href=\"/tandem-it/static/plan-print.css\"/>")
                .contains("Cells at stations, part 1");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }

    @Test
    @Order(7)
    void thePdfDownloadsWithTheTokenInTheFormAndHoldsThePlan() throws Exception {
        HttpResponse<byte[]> pdf = bytes(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/plans/" + stationPlan + ".pdf"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=" + URLEncoder.encode(SESSIONS.get("chen"), StandardCharsets.UTF_8))));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"Cells-at-stations-part-1-" + DAY + ".pdf\"");
        assertThat(pdf.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String text;
        try (PDDocument d = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(d);
        }
        assertThat(text).contains("Cells at stations, part 1").contains("Station teaching").contains("CPI.LS.1").contains("CC BY 4.0 for CalendarPrintIT")
                .contains("Maria Rivera").contains("Sentence frames <b>at</b> station 2.");

        HttpResponse<byte[]> withHeader = bytes(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/plans/" + stationPlan + ".pdf"))
                .header("X-Tandem-Session", SESSIONS.get("coordinator")).GET());
        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(TOOL.form(null, "/app/plans/" + stationPlan + ".pdf", "session", SESSIONS.get("lone")).statusCode()).isEqualTo(404);
        assertThat(TOOL.form(null, "/app/plans/" + stationPlan + ".pdf", "session", SESSIONS.get("ava")).statusCode()).isEqualTo(403);
        assertThat(TOOL.form(null, "/app/plans/" + stationPlan + ".pdf", "session", "not-a-session").statusCode()).isEqualTo(401);
        assertThat(TOOL.form(null, "/app/plans/" + UUID.randomUUID() + ".pdf", "session", SESSIONS.get("chen")).statusCode()).isEqualTo(404);
        assertThat(TOOL.get("otherCoordinator", "/app/plans/" + stationPlan + ".pdf").statusCode()).isEqualTo(404);
    }

    // ---- coordinators

    @Test
    @Order(8)
    void coordinatorsSeeTheirDistrictsCoTeachingFiguresOnly() {
        HttpResponse<String> json = TOOL.get("coordinator", "/api/linkgroups/stats");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonObject r = SessionHttp.object(json.body());
        assertThat(r.getJsonObject("linkGroups").getInt("live")).isEqualTo(2);
        assertThat(r.getJsonObject("linkGroups").getInt("linkedSections")).isEqualTo(4);
        // the cancelled lesson is gone: the station plan (published) and the parallel one
        assertThat(r.getJsonObject("plans").getInt("total")).isEqualTo(2);
        assertThat(r.getJsonObject("plans").getInt("published")).isEqualTo(1);
        assertThat(r.getJsonArray("weeks")).hasSize(12);
        assertThat(r.getJsonArray("weeks").getJsonObject(11).getInt("plans")).isEqualTo(2);
        assertThat(r.getJsonArray("models").stream().map(v -> v.asJsonObject()).filter(m -> m.getInt("plans") > 0)
                .map(m -> m.getString("model"))).containsExactlyInAnyOrder("STATION", "PARALLEL");
        assertThat(r.getJsonObject("standards").getInt("covered")).isEqualTo(1);
        assertThat(r.getJsonObject("standards").getJsonArray("top").getJsonObject(0).getString("code")).isEqualTo("CPI.LS.1");
        JsonObject north = r.getJsonArray("schools").stream().map(v -> v.asJsonObject()).filter(s -> s.getString("school").equals("North High"))
                .findFirst().orElseThrow();
        assertThat(north.getInt("groups")).isEqualTo(1);
        assertThat(north.getInt("plans")).isEqualTo(1);
        assertThat(north.getInt("standards")).isEqualTo(1);

        HttpResponse<String> page = TOOL.get("coordinator", "/app/district/coteaching");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"coteaching-stats\"").contains("role=\"img\"").contains("<title id=\"ct-weeks-chart-t\">")
                .contains("data-testid=\"ct-weeks-table\"").contains("data-testid=\"ct-models-table\"").contains("CPI.LS.1").contains("North High")
                .contains("School not known");

        JsonObject other = SessionHttp.object(TOOL.get("otherCoordinator", "/api/linkgroups/stats").body());
        assertThat(other.getJsonObject("linkGroups").getInt("live")).isZero();
        assertThat(other.getJsonObject("plans").getInt("total")).isZero();
        assertThat(TOOL.get("otherCoordinator", "/app/district/coteaching").body()).doesNotContain("CPI.LS.1").doesNotContain("North High");
        assertThat(TOOL.get("rivera", "/api/linkgroups/stats").statusCode()).isEqualTo(403);
        assertThat(TOOL.get("rivera", "/app/district/coteaching").statusCode()).isEqualTo(403);
        assertThat(TOOL.get("ava", "/api/linkgroups/stats").statusCode()).isEqualTo(403);
        assertThat(TOOL.get(null, "/api/linkgroups/stats").statusCode()).isEqualTo(401);
    }

    // ---- helpers

    /** Imports a two-standard CASE package with a licence, enables it, and answers the id of CPI.LS.1. */
    private static String enabledStandardWithLicence() {
        String doc = UUID.randomUUID().toString();
        String licence = UUID.randomUUID().toString();
        String item = UUID.randomUUID().toString();
        String pkg = "{\"CFDocument\":{\"identifier\":\"" + doc + "\",\"title\":\"CalendarPrintIT life science\",\"creator\":\"IT\","
                + "\"licenseURI\":{\"identifier\":\"" + licence + "\",\"title\":\"CC BY 4.0\",\"uri\":\"https://example.org/licence\"}},"
                + "\"CFItems\":[{\"identifier\":\"" + item + "\",\"humanCodingScheme\":\"CPI.LS.1\",\"fullStatement\":\"Cells are the basic unit of life.\"},"
                + "{\"identifier\":\"" + UUID.randomUUID() + "\",\"humanCodingScheme\":\"CPI.LS.2\",\"fullStatement\":\"Cells divide.\"}],"
                + "\"CFAssociations\":[],\"CFDefinitions\":{\"CFLicenses\":[{\"identifier\":\"" + licence + "\",\"title\":\"CC BY 4.0\","
                + "\"uri\":\"https://example.org/licence\",\"licenseText\":\"CC BY 4.0 for CalendarPrintIT\"}]}}";
        HttpResponse<String> started = TOOL.send("coordinator", "POST", "/api/standards/imports?name=calendarprintit.json", pkg);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = SessionHttp.object(started.body()).getString("id");
        JsonObject job;
        long deadline = System.currentTimeMillis() + 60_000;
        do {
            job = SessionHttp.object(TOOL.get("coordinator", "/api/standards/imports/" + jobId).body());
            if (List.of("SUCCEEDED", "FAILED").contains(job.getString("status"))) {
                break;
            }
            pause();
        } while (System.currentTimeMillis() < deadline);
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        String framework = job.getString("frameworkId");
        HttpResponse<String> enabled = TOOL.send("coordinator", "PUT", "/api/standards/frameworks/" + framework + "/enablement", "{\"enabled\":true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        try (Connection c = LinkGroups.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select id from std_item where framework_id = ? and human_coding_scheme = ?")) {
            ps.setString(1, framework);
            ps.setString(2, "CPI.LS.1");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static VEvent event(String planId) throws Exception {
        HttpResponse<String> feed = TOOL.form("chen", "/app/calendar");
        Matcher m = FEED_URL.matcher(feed.body());
        assertThat(m.find()).isTrue();
        VEvent e = events(fetch(m.group(1)).body()).get(planId + "@" + URI.create(Deployments.toolBase()).getHost());
        assertThat(e).as("event of " + planId).isNotNull();
        return e;
    }

    private static Map<String, VEvent> events(String ics) throws Exception {
        Map<String, VEvent> out = new LinkedHashMap<>();
        for (Object c : new CalendarBuilder().build(new StringReader(ics)).getComponents("VEVENT")) {
            VEvent e = (VEvent) c;
            out.put(prop(e, "UID"), e);
        }
        return out;
    }

    private static String prop(VEvent e, String name) {
        return e.getProperty(name).map(p -> p.getValue()).orElse(null);
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- SQL (inside the server)

    private static List<String> storedFeedHashes() {
        try (Connection c = LinkGroups.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("select token_hash from ct_calendar_feed");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void school(String sectionId, String districtId, String school) {
        try (Connection c = LinkGroups.dataSource().getConnection()) {
            update(c, "insert into al_section_settings (section_id, district_id, school, updated_at, version) values (?, ?, ?, ?, 1)",
                    sectionId, districtId, school, OffsetDateTime.now(ZoneOffset.UTC));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    // ---- HTTP

    private static HttpResponse<String> fetch(String url) {
        try {
            return SessionHttp.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET feed", e);
        }
    }

    private static HttpResponse<byte[]> bytes(HttpRequest.Builder b) {
        try {
            return SessionHttp.CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("PDF", e);
        }
    }

}

package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.CourseMapFixture;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The student view in headless Chromium inside the demo LMS's cross-site iframe. In the server first: a small
 * framework is imported into the demo district and the course map of Algebra I — Period 2 gets a unit with a
 * visible video, a hidden draft and a teacher note (SQL). Then, in the browser: the student Ava opens Tandem from
 * the course and sees the unit's "I can…" statements and the video (a new-tab link), never the note or the draft;
 * the teacher places the video through the deep-linking picker; Ava opens the placed link and lands on the video's
 * page with its standards.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class StudentViewBrowserIT {
    static final String UNIT = "Unit 5: Linear functions (student view check)";
    static final String VIDEO = "Slope in the real world (video)";
    static final String DRAFT = "Slope quiz draft";
    static final String NOTE = "Remember to pair Liam with Sofia";
    static final String STATEMENT = "I can explain what the slope of a line tells me.";
    static final String FRAMEWORK = "{\"CFDocument\":{\"identifier\":\"5e1f0000-0000-4000-8000-00000000a1a1\",\"uri\":\"urn:rusd:a1\","
            + "\"title\":\"Riverside Algebra I outcomes (demo)\",\"creator\":\"Riverside USD\"},\"CFItems\":["
            + "{\"identifier\":\"5e1f0000-0000-4000-8000-0000000000b1\",\"fullStatement\":\"Interpret the slope of a linear function as a rate "
            + "of change in context.\",\"humanCodingScheme\":\"RUSD.A1.LF.1\",\"CFItemType\":\"Standard\"},"
            + "{\"identifier\":\"5e1f0000-0000-4000-8000-0000000000b2\",\"fullStatement\":\"Write the equation of a line through two given "
            + "points.\",\"humanCodingScheme\":\"RUSD.A1.LF.2\",\"CFItemType\":\"Standard\"},"
            + "{\"identifier\":\"5e1f0000-0000-4000-8000-0000000000b3\",\"fullStatement\":\"Compare linear growth with exponential growth.\","
            + "\"humanCodingScheme\":\"RUSD.A1.LF.3\",\"CFItemType\":\"Standard\"}],\"CFAssociations\":["
            + association(1, "5e1f0000-0000-4000-8000-0000000000b1") + "," + association(2, "5e1f0000-0000-4000-8000-0000000000b2") + ","
            + association(3, "5e1f0000-0000-4000-8000-0000000000b3") + "]}";

    @Inject
    StandardsStore standardsStore;

    @Inject
    StandardsCatalog catalog;

    @Inject
    LaunchSessions sessions;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(CourseMapFixture.class, ToolHttp.class);
    }

    private static String association(int n, String item) {
        return "{\"identifier\":\"5e1f0000-0000-4000-8000-00000000c00" + n + "\",\"associationType\":\"isChildOf\","
                + "\"originNodeURI\":{\"identifier\":\"" + item + "\",\"uri\":\"urn:" + item + "\",\"title\":\"o\"},"
                + "\"destinationNodeURI\":{\"identifier\":\"5e1f0000-0000-4000-8000-00000000a1a1\",\"uri\":\"urn:rusd:a1\",\"title\":\"d\"}}";
    }

    // ---- in the server: the demo course's map

    @Test
    @Order(1)
    void seedsTheDemoCoursesMap() throws Exception {
        String coordinator = Html.sessionToken(demoLaunch("okafor", "account:coordinator").body());
        var job = ToolHttp.importStandards(coordinator, "rusd-a1.json", FRAMEWORK);
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        String framework = job.getString("frameworkId");

        LaunchContext teacher = sessions.resolve(Html.sessionToken(demoLaunch("rivera", "alg1-p2:teacher").body())).orElseThrow();
        String section = teacher.sectionId();
        String district = teacher.districtId();
        Map<String, String> ids = new java.util.HashMap<>();
        for (StandardRef s : catalog.outline(district, framework).items()) {
            ids.put(s.code(), s.id());
        }
        CourseMapFixture map = new CourseMapFixture(standardsStore.dataSource());
        map.exec("DELETE FROM al_unit WHERE section_id = ? AND title = ?", section, UNIT);
        String unit = map.unit(section, district, UNIT, "Rates of change you can see.");
        String video = map.item(unit, section, "RESOURCE", VIDEO, "https://videos.example/slope", "video", "Six minutes.", true);
        String draft = map.item(unit, section, "RESOURCE", DRAFT, "https://quiz.example/slope", "assessment", null, false);
        String note = map.item(unit, section, "NOTE", "Seating", null, null, NOTE, true);
        map.align(video, section, ids.get("RUSD.A1.LF.1"), framework, "RUSD.A1.LF.1", "TEACHES");
        map.align(video, section, ids.get("RUSD.A1.LF.2"), framework, "RUSD.A1.LF.2", "PRACTISES");
        map.align(draft, section, ids.get("RUSD.A1.LF.3"), framework, "RUSD.A1.LF.3", "ASSESSES");
        map.align(note, section, ids.get("RUSD.A1.LF.3"), framework, "RUSD.A1.LF.3", "TEACHES");
        map.statement(district, section, ids.get("RUSD.A1.LF.1"), STATEMENT);
    }

    /** A launch through the demo LMS as its course page would start it (login initiation, auth, form post). */
    private static HttpResponse<String> demoLaunch(String user, String hint) {
        Map<String, String> params = Map.of("iss", Deployments.demoBase() + "/demo", "login_hint", user,
                "target_link_uri", Deployments.toolBase() + "/app/home", "lti_message_hint", hint, "client_id", "tandem-demo-client",
                "lti_deployment_id", "demo-deployment-1");
        Browser b = new Browser();
        HttpResponse<String> login = b.get(Deployments.toolBase() + "/lti/login?" + Browser.urlEncoded(params));
        HttpResponse<String> page = b.submit(Browser.form(b.get(login.headers().firstValue("Location").orElseThrow())));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page;
    }

    // ---- in Chromium (the Selenium code lives in StudentViewBrowser, which the server never loads)

    @Test
    @Order(2)
    @RunAsClient
    void avaSeesWhatSheIsLearningInTheLmsIframe() throws Exception {
        StudentViewBrowser.avaSeesWhatSheIsLearning();
    }

    @Test
    @Order(3)
    @RunAsClient
    void theTeacherPlacesTheVideoAndAvaOpensThePlacedLink() throws Exception {
        StudentViewBrowser.teacherPlacesTheVideoAndAvaOpensIt();
    }
}

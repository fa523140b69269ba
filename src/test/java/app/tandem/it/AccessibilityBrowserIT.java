package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.AlignmentSeed;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * axe-core (WCAG 2.0/2.1 A and AA) over Tandem's main pages, in headless Chromium inside the demo LMS's cross-site
 * iframe: each role's pages are walked as a user reaches them, and {@link Accessibility} checks each one. The demo
 * district gets course maps with alignments for Algebra I periods 2 and 5 (seeded in the server), the CCSS math
 * framework enabled and the two sections linked; {@link #clearTheDemoCourses()} removes all of it again (the plan
 * made here goes with the seeded link group).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class AccessibilityBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String coordinator;
    private static String student;
    private static String math;
    private static WebDriver d;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem().addClasses(CoverageSeedResource.class, AlignmentSeed.class);
    }

    @BeforeAll
    static void seedTheDemoDistrict() throws Exception {
        Accessibility.newSummary();
        coordinator = StandardsIT.launch("okafor", "account:coordinator");
        StandardsIT.launch("rivera", "alg1-p2:teacher");
        StandardsIT.launch("rivera", "alg1-p5:teacher");
        StandardsIT.launch("chen", "alg1-p5:teacher");
        student = StandardsIT.launch("ava", "alg1-p2:student");
        math = CourseMapBrowserIT.mathFramework(coordinator);
        CoverageIT.math = math;
        CourseMapBrowserIT.enable(coordinator, math, true);
        CoverageIT.course("alg1-p2", "07", "North High",
                CoverageIT.unit("Ratios", CoverageIT.item("Unit rates lesson", "7.RP.A.1", "TEACHES", "7.RP.A.1", "PRACTISES"),
                        CoverageIT.item("Proportions quiz", "7.RP.A.2a", "ASSESSES")),
                CoverageIT.unit("Expressions", CoverageIT.item("Equivalent expressions", "7.EE.A.1", "TEACHES")),
                CoverageIT.unit("Geometry"));
        CoverageIT.course("alg1-p5", "07", "South High", CoverageIT.unit("Numbers", CoverageIT.item("Rational numbers", "7.NS.A.1", "TEACHES")));
        CoverageIT.seed("link", Json.createObjectBuilder().add("name", "Accessibility walk")
                .add("contextIds", Json.createArrayBuilder().add("demo-course-alg1-p2").add("demo-course-alg1-p5")).build());
        d = StandardsBrowserIT.chromium();
    }

    /** Leaves the demo district as other tests expect it: framework disabled, course maps, settings, link group and plans gone. */
    @AfterAll
    static void clearTheDemoCourses() throws Exception {
        try {
            if (d != null) {
                d.quit();
            }
        } finally {
            d = null;
            CoverageIT.clear(coordinator, math);
        }
    }

    @Test
    @Order(1)
    void axeRunsInTheToolFrameUnderItsContentSecurityPolicy() {
        openCourse("teacher");
        assertThat(Accessibility.scriptsRunUnderCsp(d)).as("the page's CSP refuses inline scripts while the driver's scripts run").isTrue();
        // the helper reports, and fails on, a page with a violation (an image without a text alternative, added here)
        ((JavascriptExecutor) d).executeScript("var i = document.createElement('img'); i.id = 'a11y-probe'; i.width = 24; i.height = 24; i.src = 'data:,';"
                + " document.getElementById('main').appendChild(i);");
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Accessibility.checkToolFrame(d, "probe"));
        assertThat(e.getMessage()).contains("image-alt").contains("#a11y-probe").contains("critical");
    }

    @Test
    @Order(2)
    void teacherHomeCourseMapAlignmentPanelAndCoverage() {
        openCourse("teacher");
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=course-map]")));
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=plans-table], [data-testid=plans-empty]")));
        check("teacher home (course map, roster, linked sections, plans)");

        // the first item's alignment panel, with search results
        WebElement item = d.findElement(By.cssSelector("[data-testid=cm-item]"));
        String id = item.getAttribute("data-id");
        item.findElement(By.cssSelector("[data-testid=cm-align] > summary")).click();
        WebElement q = wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("std-q-" + id)));
        q.sendKeys("proportional relationships");
        q.sendKeys(Keys.ENTER);
        wait(d).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#std-hits-" + id + " [data-testid=align-teaches]")));
        check("course map with the alignment panel and search results open");

        // the course settings and the section's alignment history, opened
        d.findElement(By.cssSelector("[data-testid=cm-settings-box] > summary")).click();
        d.findElement(By.cssSelector("[data-testid=cm-history-box] > summary")).click();
        wait(d).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "return document.querySelector('[data-testid=cm-history-box] .cm-history').textContent.indexOf('Loading') < 0")));
        check("course map with its settings and history open");

        Accessibility.settled(d, By.cssSelector("[data-testid=cm-coverage]")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg[data-testid=unit-heatmap]")));
        check("coverage heatmap of a section");

        openCourse("teacher");
        open("cm-student-preview", "student-preview");
        check("what students see (teacher's preview)");

        // the linked sections panel asking to confirm dissolving the group (then cancelled)
        openCourse("teacher");
        open("dissolve-group", "confirm-dissolve");
        check("linked sections, confirming to dissolve the group");
        d.findElement(By.xpath("//button[@data-testid='confirm-dissolve']/following-sibling::button")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=dissolve-group]")));
    }

    @Test
    @Order(3)
    void teacherStandardsSearchItemAndBrowse() {
        openCourse("teacher");
        Accessibility.settled(d, By.cssSelector("[data-testid=open-standards]")).click();
        WebElement q = wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("std-q")));
        check("standards library");
        q = d.findElement(By.id("std-q"));
        q.sendKeys("proportional relationships");
        q.sendKeys(Keys.ENTER);
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=std-results] mark")));
        check("standards search results");

        d.findElement(By.cssSelector("[data-testid=std-results] li a")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-item-statement]")));
        check("standard (item detail)");

        // browse: the framework's tree with a branch open and a standard shown next to it
        openCourse("teacher");
        Accessibility.settled(d, By.cssSelector("[data-testid=open-standards]")).click();
        wait(d).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=std-frameworks] a"))).click();
        WebElement tree = wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-tree]")));
        WebElement branch = tree.findElement(By.cssSelector("[role=treeitem][aria-expanded]"));
        ((JavascriptExecutor) d).executeScript("arguments[0].focus()", branch);
        branch.sendKeys(Keys.ARROW_RIGHT);
        wait(d).until(ExpectedConditions.attributeToBe(branch, "aria-expanded", "true"));
        WebElement child = wait(d).until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(branch, By.cssSelector("[role=treeitem][aria-level='2']"))).get(0);
        ((JavascriptExecutor) d).executeScript("arguments[0].focus()", child);
        d.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#std-item-panel [data-testid=std-item-statement]")));
        check("framework tree with a standard open");
    }

    @Test
    @Order(4)
    void teacherPlansPlanEditorAndCalendar() {
        openCourse("teacher");
        open("calendar-open", "calendar-panel");
        check("calendar subscription panel");

        d.findElement(By.cssSelector("[data-testid=plan-new-toggle]")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-title"))).sendKeys("Accessibility walk: ratios at stations");
        check("plans list with the new-plan form open");
        d.findElement(By.cssSelector("[data-testid=plan-create]")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=plan-editor]")));
        check("plan editor");
        // published, so that the student's agenda has an entry
        Accessibility.settled(d, By.cssSelector("[data-testid=plan-publish]")).click();
        wait(d).until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=plan-status]"), "data-published", "true"));
        check("plan editor, published");

        open("plan-print", "plan-print-view");
        check("plan print view");
        // "Open as a page": the standalone printable page, which opens in a tab of its own (top level here)
        WebElement printForm = d.findElement(By.xpath("//button[@data-testid='print-page']/ancestor::form[1]"));
        String action = printForm.getDomProperty("action");
        String session = printForm.findElement(By.name("session")).getDomProperty("value");
        postTopLevel(action, session);
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("body.print-page")));
        checkTopLevel("plan print page (its own tab)");
    }

    @Test
    @Order(5)
    void studentViewAndAgenda() {
        openCourse("student");
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=learn-unit], [data-testid=learn-empty]")));
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=agenda-entry], [data-testid=agenda-empty]")));
        check("student home (what you are learning, agenda)");
    }

    @Test
    @Order(6)
    void coordinatorHomeCoverageStatementsPolicyAndStandardsAdmin() {
        openCoordinator();
        check("coordinator home");
        open("open-district-coverage", "coverage-district");
        check("district coverage");

        openCoordinator();
        open("doctor-run", "doctor-report");
        open("registration-links", "create-registration-link");
        check("coordinator home with an LMS connection check and the registration links");

        openCoordinator();
        open("open-coteaching-stats", "coteaching-stats");
        check("co-teaching across the district (report)");

        openCoordinator();
        open("open-district-statements", "district-statements");
        check("district “I can…” statements");

        openCoordinator();
        open("open-coteaching-policy", "coteaching-policy");
        check("co-teaching policy and link log");

        openCoordinator();
        open("open-district-audit", "district-audit");
        check("district audit log");

        openCoordinator();
        open("open-district-coordinators", "district-coordinators");
        d.findElement(By.id("coordinator-q")).sendKeys("er");
        d.findElement(By.cssSelector(".coordinator-find button[type=submit]")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid^=coordinator-candidates]")));
        check("coordinators granted in Tandem, with a search among the district's teachers");

        openCoordinator();
        open("open-district-data", "district-data");
        check("district data (what Tandem stores, download)");

        openCoordinator();
        open("open-standards", "std-import-form");
        check("standards administration (import)");
        wait(d).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=std-frameworks] a"))).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-tree]")));
        check("framework page with the coordinator's settings");
    }

    @Test
    @Order(7)
    void errorPages() throws Exception {
        d.switchTo().defaultContent();
        d.get(Deployments.toolBase() + "/app/no-such-page");
        assertThat(d.findElement(By.cssSelector(".problem .status")).getText()).isEqualTo("Error 404");
        checkTopLevel("404 page");

        // a fragment's address opened directly, without a session: the problem fragment comes inside a whole page
        d.get(Deployments.toolBase() + "/app/district/coverage");
        assertThat(d.findElement(By.cssSelector(".problem .status")).getText()).isEqualTo("Error 401");
        assertThat(d.getTitle()).endsWith("· Tandem");
        // …while htmx (HX-Request) still gets the bare fragment to show in place
        HttpResponse<String> htmx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Deployments.toolBase() + "/app/district/coverage")).header("HX-Request", "true").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.body().strip()).startsWith("<div class=\"problem\"").doesNotContain("<html");
        checkTopLevel("401 page (a fragment's address opened without a session)");

        // a student's session posted to a teacher's form (the plan print page opens as a page of its own)
        postTopLevel(Deployments.toolBase() + "/app/plans/00000000-0000-4000-8000-000000000000/print", student);
        WebElement status = wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problem .status")));
        assertThat(status.getText()).matches("Error 40[34]");
        checkTopLevel("refusal page (" + status.getText() + ")");

        // a launch Tandem refuses (an LMS it does not know)
        d.get(Deployments.toolBase() + "/lti/login?iss=https%3A%2F%2Flms.invalid&login_hint=x&target_link_uri="
                + Deployments.toolBase() + "%2Fapp%2Fhome&client_id=nobody");
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=rejection-message]")));
        checkTopLevel("launch refused");
    }

    /** The demo LMS is not the product, but its course list is the first page people see of a Tandem demo. */
    @Test
    @Order(8)
    void demoLmsCourseList() {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/");
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=launch-teacher-alg1-p2]")));
        checkTopLevel("demo LMS: course list");
    }

    // ---- checks: every page of a test is checked, and the test fails at its end with all the findings

    private final List<String> findings = new ArrayList<>();

    private void check(String page) {
        record(() -> Accessibility.checkToolFrame(d, page));
    }

    private void checkTopLevel(String page) {
        record(() -> Accessibility.checkTopLevel(d, page));
    }

    private void record(Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            findings.add(e.getMessage());
        }
    }

    @AfterEach
    void noFindings() {
        if (!findings.isEmpty()) {
            throw new AssertionError(String.join("\n\n", findings));
        }
    }

    // ---- navigation

    /** Clicks the button (data-testid), once htmx is idle, and waits for what it shows (data-testid). */
    private static void open(String button, String shown) {
        Accessibility.settled(d, By.cssSelector("[data-testid=" + button + "]")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=" + shown + "]")));
    }

    /** A form POST of a session field in the top-level window, as the print forms send it (from a page of Tandem's origin). */
    private static void postTopLevel(String action, String session) {
        d.switchTo().defaultContent();
        d.get(Deployments.toolBase() + "/app/no-such-page");
        ((JavascriptExecutor) d).executeScript("var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                + "var s = document.createElement('input'); s.type = 'hidden'; s.name = 'session'; s.value = arguments[1]; f.appendChild(s);"
                + "document.body.appendChild(f); f.submit();", action, session);
        wait(d).until(x -> !String.valueOf(x.getCurrentUrl()).endsWith("/no-such-page")
                && Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript("return document.readyState === 'complete'")));
    }

    /** The demo LMS's Algebra I period 2 course page as a teacher or a student, Tandem's home loaded in its iframe. */
    private static void openCourse(String as) {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/course/alg1-p2?as=" + as);
        enterToolFrame();
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        Accessibility.settle(d);
    }

    private static void openCoordinator() {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/admin");
        enterToolFrame();
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("coordinator-home")));
        Accessibility.settle(d);
    }

    private static void enterToolFrame() {
        WebElement frame = wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        wait(d).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        String toolBase = Deployments.toolBase();
        String origin = toolBase.substring(0, toolBase.indexOf('/', "http://".length()));
        wait(d).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "return location.origin === arguments[0] && document.readyState === 'complete'", origin)));
    }

    private static WebDriverWait wait(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
        return wait;
    }
}

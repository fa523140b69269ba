package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
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
 * "Align an item" in headless Chromium, inside the demo LMS's cross-site iframe, as the demo teacher: the course map
 * loads on the home page, a unit and two items are added through the forms, the second item is moved up and back
 * down with the keyboard (focus stays on the move buttons), then dragged (HTML5 drag and drop, coursemap.js), and
 * the first item is aligned from the inline standards search, a mistyped code shows its problem next to the field,
 * and the alignment is removed again. The CCSS math framework is imported (if needed) and enabled in the demo
 * district for the test, and disabled again afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class CourseMapBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SESSION = Pattern.compile("\"X-Tandem-Session\"\\s*:\\s*\"([A-Za-z0-9_\\-]+)\"");

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    /** The demo district's CCSS math framework, imported if it is not there yet. */
    static String mathFramework(String coordinator) throws Exception {
        for (JsonValue v : StandardsIT.array(StandardsIT.get(coordinator, "/api/standards/frameworks").body())) {
            JsonObject f = v.asJsonObject();
            if (f.getString("title", "").contains("Math")) {
                return f.getString("id");
            }
        }
        HttpResponse<String> started = StandardsIT.send(coordinator, "POST", "/api/standards/imports?name=ccss-math.json", "application/json",
                Files.readAllBytes(StandardsIT.data("opensalt_ccss-math_cfpackage-2016-draft.json")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String job = StandardsIT.object(started.body()).getString("id");
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject j = StandardsIT.object(StandardsIT.get(coordinator, "/api/standards/imports/" + job).body());
            if ("SUCCEEDED".equals(j.getString("status"))) {
                return j.getString("frameworkId");
            }
            assertThat(j.getString("status")).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not finish");
    }

    static void enable(String coordinator, String framework, boolean on) throws Exception {
        HttpResponse<String> r = StandardsIT.send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                ("{\"enabled\":" + on + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void teacherBuildsAMapReordersWithTheKeyboardAndAlignsAnItemInsideTheLms() throws Exception {
        String coordinator = StandardsIT.launch("okafor", "account:coordinator");
        String framework = mathFramework(coordinator);
        enable(coordinator, framework, true);
        WebDriver d = StandardsBrowserIT.chromium();
        String session = null;
        String unitId = null;
        try {
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
            JavascriptExecutor js = (JavascriptExecutor) d;
            d.get(Deployments.demoBase() + "/demo/");
            d.findElement(By.cssSelector("[data-testid=launch-teacher-alg1-p2]")).click();
            WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=course-map]")));
            assertThat((String) js.executeScript("return location.origin")).isNotEqualTo(origin(Deployments.demoBase()));
            Matcher m = SESSION.matcher(String.valueOf(js.executeScript("return document.body.getAttribute('hx-headers')")));
            assertThat(m.find()).isTrue();
            session = m.group(1);

            // a unit, through the form
            String unitTitle = "Proportional reasoning " + UUID.randomUUID().toString().substring(0, 6);
            d.findElement(By.id("add-unit-title")).sendKeys(unitTitle);
            d.findElement(By.cssSelector("[data-testid=cm-add-unit] button[type=submit]")).click();
            WebElement unit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h3[normalize-space()='" + unitTitle + "']/ancestor::li[1]")));
            unitId = unit.getAttribute("data-id");
            String u = unitId;
            assertThat(d.findElement(By.id("map-status")).getText()).contains("Added the unit");

            // two items, through the unit's add form (open while the unit is empty, kept open after an add)
            addItem(d, unitId, "Proportions video", "https://video.example/proportions");
            addItem(d, unitId, "Unit rate worksheet", "https://docs.example/worksheet");
            List<String> items = itemIds(d, unitId);
            assertThat(items).hasSize(2);
            String video = items.get(0);
            String worksheet = items.get(1);

            // keyboard: Enter on the worksheet's Up button; focus lands on its Down button (Up is disabled at the top)
            focus(js, d.findElement(By.id("item-up-" + worksheet))).sendKeys(Keys.ENTER);
            wait.until(x -> itemIds(x, u).get(0).equals(worksheet));
            wait.until(x -> ("item-down-" + worksheet).equals(x.switchTo().activeElement().getAttribute("id")));
            assertThat(d.findElement(By.id("map-status")).getText()).contains("Moved “Unit rate worksheet” to position 1 of 2");
            d.switchTo().activeElement().sendKeys(Keys.SPACE);
            wait.until(x -> itemIds(x, u).get(1).equals(worksheet));
            wait.until(x -> ("item-up-" + worksheet).equals(x.switchTo().activeElement().getAttribute("id")));

            // drag and drop (coursemap.js): the worksheet dropped above the video
            js.executeScript("var src = document.getElementById('item-' + arguments[0]), dst = document.getElementById('item-' + arguments[1]);"
                    + "var dt = new DataTransfer(), r = dst.getBoundingClientRect();"
                    + "src.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                    + "dst.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt, clientY: r.top + 2}));"
                    + "dst.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt, clientY: r.top + 2}));"
                    + "src.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));", worksheet, video);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-status"), "Saved the new order"));
            assertThat(itemIds(d, unitId)).containsExactly(worksheet, video);

            // align the video from the inline search
            WebElement align = d.findElement(By.cssSelector("#item-" + video + " [data-testid=cm-align] > summary"));
            align.click();
            WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("std-q-" + video)));
            search.sendKeys("proportional relationships");
            search.sendKeys(Keys.ENTER);
            WebElement teaches = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#std-hits-" + video + " [data-testid=align-teaches]")));
            String code = teaches.findElement(By.xpath("ancestor::li[1]/strong")).getText();
            teaches.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alignments-" + video), code));
            assertThat(d.findElement(By.id("alignments-" + video)).getText()).contains("teaches").contains("Maria Rivera");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-status"), "Aligned “Proportions video” to " + code));
            StandardsBrowserIT.screenshot(d, "course-map-aligned");

            // a code that names no standard: the problem shows in the panel and the field is marked invalid
            WebElement codeField = d.findElement(By.id("code-" + video));
            codeField.sendKeys("9.ZZ.Q.9");
            codeField.sendKeys(Keys.ENTER);
            WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#item-" + video + " [data-testid=align-panel] [data-testid=cm-problem]")));
            assertThat(problem.getText()).contains("9.ZZ.Q.9");
            assertThat(problem.getAttribute("role")).isEqualTo("alert");
            wait.until(ExpectedConditions.attributeToBe(By.id("code-" + video), "aria-invalid", "true"));

            // and the alignment removed again
            d.findElement(By.cssSelector("#alignments-" + video + " [data-testid=alignment-remove]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alignments-" + video), "Not aligned"));
            assertThat(d.findElement(By.id("map-status")).getText()).contains("Removed the alignment");
        } finally {
            d.quit();
            if (session != null && unitId != null) {
                CourseMapIT.api(session, "DELETE", "/api/sections/" + sectionOf(session) + "/units/" + unitId, null);
            }
            enable(coordinator, framework, false);
        }
    }

    private static void addItem(WebDriver d, String unitId, String title, String url) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
        int before = itemIds(d, unitId).size();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#unit-" + unitId + " [data-testid=add-item-form]")));
        form.findElement(By.cssSelector("[data-testid=item-title-input]")).sendKeys(title);
        form.findElement(By.cssSelector("[data-testid=item-url-input]")).sendKeys(url);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(x -> itemIds(x, unitId).size() == before + 1);
    }

    private static List<String> itemIds(WebDriver d, String unitId) {
        // read in one script: htmx may replace the list between two WebDriver calls
        Object ids = ((JavascriptExecutor) d).executeScript("return Array.from(document.querySelectorAll(arguments[0])).map(function (e) {"
                + " return e.getAttribute('data-id'); })", "#unit-" + unitId + " [data-testid=cm-item]");
        return ((List<?>) ids).stream().map(String::valueOf).toList();
    }

    private static WebElement focus(JavascriptExecutor js, WebElement e) {
        js.executeScript("arguments[0].focus()", e);
        return e;
    }

    private static String sectionOf(String session) throws Exception {
        Matcher m = Pattern.compile("data-section-id=\"([0-9a-f-]{36})\"").matcher(CourseMapIT.get(session, "/app/course").body());
        return m.find() ? m.group(1) : "none";
    }

    private static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }
}

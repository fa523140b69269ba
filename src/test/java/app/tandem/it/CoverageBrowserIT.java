package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.AlignmentSeed;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The coverage heatmaps in headless Chromium, inside the demo LMS's cross-site iframe. Course maps with
 * alignments are seeded in the server (CoverageSeedResource) for Algebra I periods 2 and 5; then the teacher opens
 * "Coverage and gaps" from the course map and switches the heatmap from clusters to domains with the keyboard and
 * downloads the CSV, and the coordinator opens the district roll-up from the home page, filters it by school and
 * drills down to a section. The CCSS math framework is enabled for the test and disabled again afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class CoverageBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem().addClasses(CoverageSeedResource.class, AlignmentSeed.class);
    }

    @Test
    void teacherAndCoordinatorSeeTheHeatmapsInsideTheLms() throws Exception {
        String coordinator = StandardsIT.launch("okafor", "account:coordinator");
        StandardsIT.launch("rivera", "alg1-p2:teacher");
        StandardsIT.launch("rivera", "alg1-p5:teacher");
        CoverageIT.math = CourseMapBrowserIT.mathFramework(coordinator);
        CourseMapBrowserIT.enable(coordinator, CoverageIT.math, true);
        String p2 = CoverageIT.course("alg1-p2", "07", "North High",
                CoverageIT.unit("Ratios", CoverageIT.item("Unit rates lesson", "7.RP.A.1", "TEACHES", "7.RP.A.1", "PRACTISES"),
                        CoverageIT.item("Proportions quiz", "7.RP.A.2a", "ASSESSES", "7.RP.A.3", "ASSESSES")),
                CoverageIT.unit("Expressions", CoverageIT.item("Equivalent expressions", "7.EE.A.1", "TEACHES", "7.EE.A.2", "PRACTISES")),
                CoverageIT.unit("Geometry"));
        CoverageIT.course("alg1-p5", "07", "South High",
                CoverageIT.unit("Numbers", CoverageIT.item("Rational numbers", "7.NS.A.1", "TEACHES")));
        WebDriver d = StandardsBrowserIT.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
            JavascriptExecutor js = (JavascriptExecutor) d;

            // the teacher: course map → "Coverage and gaps"
            d.get(Deployments.demoBase() + "/demo/");
            d.findElement(By.cssSelector("[data-testid=launch-teacher-alg1-p2]")).click();
            enterToolFrame(d, wait);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=cm-coverage]"))).click();
            WebElement svg = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg[data-testid=unit-heatmap]")));
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            assertThat(js.executeScript("return arguments[0].querySelector('title').textContent", svg)).isEqualTo("Coverage by unit and cluster");
            assertThat(d.findElement(By.cssSelector("[data-testid=coverage-summary]")).getText()).contains("5 of 24 standards covered");
            // the Ratios row: cluster 7.RP.A fully covered (3 of 3), written in the cell; the Geometry row is hatched
            List<String> ratios = cellTexts(js, "Ratios");
            assertThat(ratios).contains("3/3");
            assertThat(cellTexts(js, "Geometry")).allMatch(t -> t.startsWith("0/"));
            assertThat(d.findElement(By.cssSelector("[data-testid=unit-heatmap-table]")).getText()).contains("Whole course").contains("3 of 3");
            Number width = (Number) js.executeScript("return arguments[0].getBoundingClientRect().width", svg);
            assertThat(width.doubleValue()).isGreaterThan(200);
            StandardsBrowserIT.screenshot(d, "coverage-section-clusters");

            // keyboard: Enter on "Domains" swaps the heatmap; the pressed state follows
            WebElement domains = d.findElement(By.cssSelector("[data-testid=coverage-by-domain]"));
            js.executeScript("arguments[0].focus()", domains);
            d.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(x -> "Coverage by unit and domain".equals(((JavascriptExecutor) x).executeScript(
                    "var t = document.querySelector('svg[data-testid=unit-heatmap] title'); return t && t.textContent")));
            assertThat(d.findElement(By.cssSelector("[data-testid=coverage-by-domain]")).getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(d.findElement(By.cssSelector("[data-testid=coverage-by-cluster]")).getAttribute("aria-pressed")).isEqualTo("false");

            // the CSV download carries the session header (a plain link would not)
            d.findElement(By.cssSelector("[data-testid=coverage-csv]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("coverage-download-status"), "Downloaded."));
            StandardsBrowserIT.screenshot(d, "coverage-section-domains");

            // the coordinator: home → district coverage → filter by school → drill down
            d.switchTo().defaultContent();
            d.get(Deployments.demoBase() + "/demo/");
            d.findElement(By.cssSelector("[data-testid=launch-coordinator-alg1-p2]")).click();
            enterToolFrame(d, wait);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=open-district-coverage]"))).click();
            WebElement district = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg[data-testid=district-heatmap]")));
            assertThat(district.getAttribute("role")).isEqualTo("img");
            assertThat(d.findElement(By.cssSelector("[data-testid=coverage-district-table]")).getText())
                    .contains("Algebra I — Period 2").contains("Algebra I — Period 5");
            StandardsBrowserIT.screenshot(d, "coverage-district");
            new Select(d.findElement(By.id("cov-school"))).selectByVisibleText("North High");
            d.findElement(By.cssSelector("[data-testid=coverage-apply]")).click();
            wait.until(x -> !x.findElement(By.cssSelector("[data-testid=coverage-district-table]")).getText().contains("Period 5"));
            assertThat(d.findElement(By.cssSelector("[data-testid=coverage-district-summary]")).getText()).contains("1 of");
            d.findElement(By.xpath("//tr[@data-section='" + p2 + "']//button[@data-testid='coverage-drill']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg[data-testid=unit-heatmap]")));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Coverage: Algebra I — Period 2");
            assertThat(d.findElement(By.cssSelector("[data-testid=back-to-district]")).isDisplayed()).isTrue();
            StandardsBrowserIT.screenshot(d, "coverage-drill-down");
        } finally {
            d.quit();
            CoverageIT.clear(coordinator, CoverageIT.math);
        }
    }

    /** The texts of the heatmap cells in the row labelled so (read in one script: htmx may swap the SVG meanwhile). */
    @SuppressWarnings("unchecked")
    private static List<String> cellTexts(JavascriptExecutor js, String rowLabel) {
        return (List<String>) js.executeScript("var label = arguments[0], svg = document.querySelector('svg[data-testid=unit-heatmap]');"
                + "var row = Array.from(svg.querySelectorAll('text.cov-row')).find(function (t) { return t.textContent.indexOf(label) >= 0; });"
                + "var y = row.getAttribute('y');"
                + "return Array.from(svg.querySelectorAll('g.cov-cell text')).filter(function (t) { return t.getAttribute('y') === y; })"
                + ".map(function (t) { return t.textContent; });", rowLabel);
    }

    private static void enterToolFrame(WebDriver d, WebDriverWait wait) {
        WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        wait.until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "return location.origin === arguments[0] && document.readyState === 'complete'", origin(Deployments.toolBase()))));
    }

    private static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}

package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Linked sections in headless Chromium, inside the demo LMS's cross-site iframe: Maria Rivera teaches Period 2 and
 * Period 5 (co-taught with David Chen). In Period 2 she creates an invitation code (copy button); in Period 5 a
 * mistyped code shows the problem in place (a 4xx fragment), the real one typed in lower case without dashes shows
 * what it links, and confirming links the two periods; the group lists both sections and David Chen from the LMS
 * roster. Dissolving (with the on-page confirmation) leaves the demo as it was.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class LinkGroupsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @Test
    void riveraLinksHerTwoPeriodsWithACodeInTheDemoLms() throws Exception {
        // Ms Rivera's school is in Chicago: the times Tandem shows are in her browser's time zone
        WebDriver d = StandardsBrowserIT.chromium(Map.of("TZ", "America/Chicago"));
        try {
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
            openAsTeacher(d, "alg1-p2");
            WebElement create = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=create-invitation]")));
            create.click();
            WebElement codeElement = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=invitation-code]")));
            String code = codeElement.getText();
            assertThat(code).matches("[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}");
            assertThat(d.switchTo().activeElement().getText()).as("focus moves to the new code's explanation").contains("shown only this once");
            WebElement until = wait.until(x -> x.findElement(By.cssSelector("[data-focus] time[data-localised]")));
            assertThat(until.getAttribute("title")).as("the UTC time, kept as the title").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
            assertThat(until.getText()).as("shown in Chicago time").containsPattern("(CST|CDT|GMT-[56])$");
            d.findElement(By.cssSelector("[data-testid=copy-code]")).click();
            wait.until(x -> !x.findElement(By.cssSelector("[data-copy-status]")).getText().isBlank());
            screenshot(d, "links-invitation");

            openAsTeacher(d, "alg1-p5");
            WebElement refresh = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=roster-refresh]")));
            refresh.click(); // the LMS roster (NRPS) names David Chen as the co-teacher of Period 5
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=roster]"), "David Chen"));
            WebElement codeInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("links-code")));
            codeInput.sendKeys("ZZZ-ZZZ-ZZZ");
            d.findElement(By.cssSelector("[data-testid=check-code]")).click();
            WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#links-panel [data-testid=links-problem]")));
            assertThat(problem.getText()).startsWith("That code does not work.");

            d.findElement(By.id("links-code")).sendKeys(code.toLowerCase().replace("-", ""));
            d.findElement(By.cssSelector("[data-testid=check-code]")).click();
            WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=join-preview]")));
            assertThat(preview.getText()).contains("Link Algebra I — Period 5 (co-taught) with Algebra I — Period 2").contains("new link group");
            d.findElement(By.cssSelector("[data-testid=confirm-join]")).click();

            WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=links-message]")));
            assertThat(message.getText()).contains("is now linked");
            WebElement sections = d.findElement(By.cssSelector("[data-testid=link-group-sections]"));
            assertThat(sections.getText()).contains("Algebra I — Period 2").contains("Algebra I — Period 5 (co-taught)")
                    .contains("Maria Rivera").contains("David Chen");
            screenshot(d, "links-group");

            d.findElement(By.cssSelector("[data-testid=dissolve-group]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=confirm-dissolve]"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=not-linked]")));
            assertThat(d.findElement(By.cssSelector("[data-testid=links-message]")).getText()).contains("dissolved");
        } finally {
            d.quit();
        }
    }

    /** The demo LMS's course page, launching its teacher into the cross-site iframe; then inside the frame. */
    private static void openAsTeacher(WebDriver d, String course) {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/course/" + course + "?as=teacher");
        new WebDriverWait(d, WAIT).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe[data-testid=tool-frame]")));
        new WebDriverWait(d, WAIT).until(ExpectedConditions.textToBe(By.id("greeting"), "Welcome, Maria Rivera"));
        new WebDriverWait(d, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=links-panel]")));
        assertThat((String) ((JavascriptExecutor) d).executeScript("return location.origin"))
                .isEqualTo(Deployments.toolBase().replaceAll("(https?://[^/]+).*", "$1"));
    }

    private static void screenshot(WebDriver d, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        } catch (Exception ignored) {
            // screenshots are a convenience
        }
    }
}

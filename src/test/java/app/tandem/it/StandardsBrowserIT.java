package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.CaseProviderStub;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The standards library in headless Chromium, as a coordinator: open the library from the home page, upload a real
 * CASE file through the form and watch the job finish, search by words (highlighted) and by code, open the framework
 * and walk the ARIA tree with the keyboard (→ loads a branch with htmx, ↓ moves, Enter opens the standard).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class StandardsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    /** Headless Debian Chromium with a fresh profile (also used by other browser tests). */
    static WebDriver chromium() throws Exception {
        return chromium(Map.of());
    }

    /** Chromium with environment variables for the browser process (e.g. {@code TZ}: its time zone, iframes included). */
    static WebDriver chromium(Map<String, String> environment) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tandem.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("tandem-std-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tandem.it.chromedriver", "/usr/bin/chromedriver")))
                .withEnvironment(environment).build(), options);
    }

    @Test
    void coordinatorImportsSearchesAndBrowsesWithTheKeyboard() throws Exception {
        WebDriver d = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            openLibraryAsCoordinator(d, wait);

            // upload through the form; the progress fragment polls until the report
            Path file = StandardsIT.data("opensalt_ccss-math_cfpackage-2016-draft.json").toRealPath();
            d.findElement(By.id("std-file")).sendKeys(file.toString());
            d.findElement(By.cssSelector("[data-testid=std-import-form] button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=std-job][data-status=SUCCEEDED]")));
            assertThat(d.findElement(By.cssSelector("[data-testid=std-job]")).getText()).contains("Imported").contains("703 standards");

            // search by words: matches are highlighted, the CCSS notice follows the results
            WebElement q = d.findElement(By.id("std-q"));
            q.sendKeys("proportional relationships");
            q.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=std-results] mark")));
            assertThat(d.findElement(By.id("std-results")).getText()).contains("RP").contains("National Governors Association");
            screenshot(d, "standards-search");

            // open the framework from the "Open the framework" button of the finished job
            d.findElement(By.cssSelector("[data-testid=std-job] button")).click();
            WebElement tree = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-tree]")));
            assertThat(d.findElement(By.cssSelector("[data-testid=std-licence]")).getText()).contains("National Governors Association");

            // keyboard: focus the first branch, → opens it (children loaded by htmx), ↓ moves into it, Enter opens the item
            WebElement branch = tree.findElement(By.cssSelector("[role=treeitem][aria-expanded]"));
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].focus()", branch);
            branch.sendKeys(Keys.ARROW_RIGHT);
            wait.until(ExpectedConditions.attributeToBe(branch, "aria-expanded", "true"));
            WebElement child = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(branch, By.cssSelector("[role=treeitem][aria-level='2']"))).get(0);
            d.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT); // a second → moves to the first child
            wait.until(d2 -> child.equals(d2.switchTo().activeElement()));
            d.switchTo().activeElement().sendKeys(Keys.ENTER);
            WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#std-item-panel [data-testid=std-item-statement]")));
            assertThat(panel.getText()).isNotBlank();
            List<WebElement> focusable = tree.findElements(By.cssSelector("[role=treeitem][tabindex='0']"));
            assertThat(focusable).hasSize(1);
            screenshot(d, "standards-tree");
        } finally {
            d.quit();
        }
    }

    /** A coordinator launch through the demo LMS, top level (the OIDC login, the platform's auth page, the form post). */
    private static void openLibraryAsCoordinator(WebDriver d, WebDriverWait wait) {
        Map<String, String> params = Map.of("iss", Deployments.demoBase() + "/demo", "login_hint", "okafor",
                "target_link_uri", Deployments.toolBase() + "/app/home", "lti_message_hint", "account:coordinator",
                "client_id", "tandem-demo-client", "lti_deployment_id", "demo-deployment-1");
        d.get(Deployments.toolBase() + "/lti/login?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=open-standards]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-import-form]")));
    }

    @Test
    void coordinatorPicksAFrameworkFromACaseProviderThatNeedsOAuth2() throws Exception {
        withProviderAsCoordinator((provider, d, wait) -> {
            // the provider's base URL and its client credentials (the OAuth 2 fields are in a <details>)
            d.findElement(By.id("std-provider-url")).sendKeys(provider.base() + "/secure");
            d.findElement(By.cssSelector("[data-testid=std-provider-form] summary")).click();
            d.findElement(By.id("std-provider-token-url")).sendKeys(provider.tokenUrl());
            d.findElement(By.id("std-provider-client-id")).sendKeys(CaseProviderStub.CLIENT_ID);
            d.findElement(By.id("std-provider-secret")).sendKeys(CaseProviderStub.CLIENT_SECRET);
            d.findElement(By.cssSelector("[data-testid=std-provider-form] button[type=submit]")).click();

            // the listing: one Import button per framework, outside the form but submitting it (form=)
            WebElement listing = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-provider-documents]")));
            assertThat(listing.getText()).contains("SmartLevel Test");
            listing.findElement(By.cssSelector("button[name=package]")).click();
            WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#std-provider-result [data-testid=std-job][data-status=SUCCEEDED]")));
            assertThat(job.getText()).contains("Imported").contains("14 standards");
            assertThat(provider.tokensIssued()).isEqualTo(2); // one for the listing, one for the download
            assertThat(d.getPageSource()).doesNotContain(CaseProviderStub.CLIENT_SECRET);
            screenshot(d, "standards-provider");
        });
    }

    @Test
    void coordinatorSavesAProviderBrowsesImportsAndChecksForAnUpdate() throws Exception {
        withProviderAsCoordinator((provider, d, wait) -> {
            String name = "Browser provider " + System.nanoTime();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#std-providers > details > summary"))).click();
            d.findElement(By.id("std-saved-name")).sendKeys(name);
            d.findElement(By.id("std-saved-url")).sendKeys(provider.base() + "/secure");
            d.findElement(By.id("std-saved-token-url")).sendKeys(provider.tokenUrl());
            d.findElement(By.id("std-saved-client-id")).sendKeys(CaseProviderStub.CLIENT_ID);
            d.findElement(By.id("std-saved-secret")).sendKeys(CaseProviderStub.CLIENT_SECRET);
            d.findElement(By.cssSelector("[data-testid=std-provider-save-form] button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=std-providers-message]"),
                    "Saved the provider " + name));

            d.findElement(By.cssSelector("button[aria-label='Browse " + name + "']")).click();
            WebElement browse = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-provider-browse]")));
            browse.findElement(By.cssSelector("button[aria-label='Import SmartLevel Test']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#std-provider-import-status [data-testid=std-job][data-status=SUCCEEDED]")));
            d.findElement(By.cssSelector("#std-provider-import-status [data-testid=std-job] button")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=std-update-check-button]"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=std-update-check]"), "Up to date"));
            assertThat(d.findElement(By.cssSelector("[data-testid=std-source]")).getText()).contains(name);
            assertThat(d.getPageSource()).doesNotContain(CaseProviderStub.CLIENT_SECRET);
            screenshot(d, "standards-saved-provider");
        });
    }

    /** What a test does in Chromium, as a coordinator in the library, with a CASE provider stub serving SmartLevel Test. */
    @FunctionalInterface
    interface ProviderSession {
        void run(CaseProviderStub provider, WebDriver d, WebDriverWait wait) throws Exception;
    }

    private static void withProviderAsCoordinator(ProviderSession session) throws Exception {
        try (CaseProviderStub provider = new CaseProviderStub()
                .serve("d0000000-0000-0000-0000-000000000000", "SmartLevel Test", StandardsIT.data("opensalt_smartlevel-test_case1p0.json"))) {
            WebDriver d = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(d, WAIT);
                openLibraryAsCoordinator(d, wait);
                session.run(provider, d, wait);
            } finally {
                d.quit();
            }
        }
    }

    /** Saves a screenshot to target/screenshots/{name}.png (a convenience: failures are ignored). */
    static void screenshot(WebDriver d, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        } catch (Exception ignored) {
            // screenshots are a convenience
        }
    }
}

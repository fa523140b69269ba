package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo LMS launching Tandem in real headless Chromium: the LMS page on http://127.0.0.1, Tandem in a
 * cross-site iframe on http://localhost, the full OIDC login + signed id_token launch for each role, htmx calls
 * authenticated by the X-Tandem-Session header, a keyboard smoke check, and the launch with third-party cookies
 * blocked (Tandem's "open in a new window" page, then the launch completed in a first-party window).
 *
 * <p>Screenshots go to target/screenshots/; with {@code -Dtandem.it.docImages=true} the role homes are also copied to
 * docs/images/ for the documentation (off by default, so that a normal build does not rewrite tracked files).
 *
 * <p>Cookies: this Chromium already blocks third-party cookies in a fresh profile. The launch still works in the
 * iframe because Tandem's OIDC state cookie is {@code Partitioned} (CHIPS): it lives in the LMS site's partition.
 * To see Tandem's "open in a new window" page, the browser must refuse the tool's cookies altogether when it is
 * embedded in the LMS; a cookie content-setting exception (tool origin, LMS origin) = block does that, and still
 * lets the tool's own top-level window keep its cookies.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// The pom's PostgreSQL pass excludes *BrowserIT, but -Dit.test=... overrides failsafe's excludes: keep it out there too
// (a disabled class never reaches Arquillian, so no second server start).
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class DemoLmsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHROMIUM = System.getProperty("tandem.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("tandem.it.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The role homes are copied to docs/images/ only when asked: {@code mvn verify -Dtandem.it.docImages=true ...}. */
    private static final boolean UPDATE_DOC_IMAGES = Boolean.getBoolean("tandem.it.docImages");
    private static final Path DOC_IMAGES = Path.of("docs", "images");
    private static final String COURSE = "Algebra I — Period 2";
    private static final String DISTRICT = "Riverside Unified School District (demo)";

    private static final List<Browser> BROWSERS = new ArrayList<>();
    private static Browser standard;
    private static Browser thirdPartyBlocked;
    private static Browser toolBlocked;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser b : BROWSERS) {
            b.close();
        }
        BROWSERS.clear();
        standard = null;
        thirdPartyBlocked = null;
        toolBlocked = null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1 and 2: each role launches into the cross-site iframe and uses its header-based session

    @Test
    void teacherLaunchesIntoTheCrossSiteIframeAndChecksTheSession() {
        WebDriver d = standard().driver;
        launchFromCourseList(d, "launch-teacher-alg1-p2");
        expectHome(d, "Maria Rivera", COURSE, "Teacher");
        checkSessionByClick(d, "Maria Rivera", "Teacher");
        assertSessionNeedsTheHeader(d);
        d.switchTo().defaultContent();
        screenshot(d, "teacher-home", true);
    }

    @Test
    void studentLaunchesIntoTheCrossSiteIframeAndChecksTheSession() {
        WebDriver d = standard().driver;
        launchFromCourseList(d, "launch-student-alg1-p2");
        expectHome(d, "Ava Johnson", COURSE, "Student");
        assertThat(d.findElement(By.id("student-home")).getText()).isEqualTo("What you are learning");
        checkSessionByClick(d, "Ava Johnson", "Student");
        d.switchTo().defaultContent();
        screenshot(d, "student-home", true);
    }

    @Test
    void coordinatorLaunchesIntoTheCrossSiteIframeAndChecksTheSession() {
        WebDriver d = standard().driver;
        launchFromCourseList(d, "launch-coordinator-alg1-p2");
        expectHome(d, "Grace Okafor", DISTRICT, "eLearning coordinator");
        assertThat(d.findElement(By.id("coordinator-home")).getText()).isEqualTo("District set-up");
        assertThat(d.findElement(By.cssSelector("[data-testid=section]")).getText()).isEqualTo(DISTRICT);
        checkSessionByClick(d, "Grace Okafor", "eLearning coordinator");
        d.switchTo().defaultContent();
        screenshot(d, "coordinator-home", true);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3: keyboard and document basics on the home page (inside the iframe, as people use it)

    @Test
    void homePageIsUsableWithTheKeyboard() {
        WebDriver d = standard().driver;
        launchFromCourseList(d, "launch-teacher-alg1-p2");
        expectHome(d, "Maria Rivera", COURSE, "Teacher");
        JavascriptExecutor js = (JavascriptExecutor) d;

        assertThat((String) js.executeScript("return document.documentElement.lang")).isEqualTo("en");
        // WebDriver.getTitle() answers the top-level document's title, so read the frame's own.
        assertThat((String) js.executeScript("return document.title")).isEqualTo("Algebra I — Period 2 · Tandem");
        assertThat(d.findElements(By.tagName("h1"))).hasSize(1);

        // Start sequential focus navigation from the top of the tool's document.
        js.executeScript("window.focus(); if (document.activeElement) document.activeElement.blur();"
                + " window.getSelection().removeAllRanges();");
        new Actions(d).sendKeys(Keys.TAB).perform();
        WebElement first = active(d);
        assertThat(first.getAttribute("class")).as("first focusable element").contains("skip-link");
        assertThat(first.getText()).isEqualTo("Skip to main content");
        assertThat(first.getRect().getX()).as("focused skip link is on screen").isGreaterThanOrEqualTo(0);

        // The skip link moves focus to <main>; TAB goes through the course map and panels to "Check my session".
        new Actions(d).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(d, WAIT).until(activeElementIs("main"));
        WebElement button = null;
        for (int i = 0; i < 60 && button == null; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            WebElement a = active(d);
            if ("button".equals(a.getTagName()) && "Check my session".equals(a.getText())) {
                button = a;
            }
        }
        assertThat(button).as("'Check my session' reachable with TAB").isNotNull();
        assertThat((String) js.executeScript("return getComputedStyle(arguments[0]).outlineStyle", button))
                .as("visible focus indicator").isNotEqualTo("none");
        screenshot(d, "keyboard-focus", false);
        new Actions(d).sendKeys(Keys.ENTER).perform();
        WebElement info = new WebDriverWait(d, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=session-info]")));
        assertThat(info.getText()).contains("Maria Rivera");
        d.switchTo().defaultContent();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4: cookies blocked

    /**
     * Chromium's "block third-party cookies" alone does not stop the launch: the OIDC state cookie is
     * {@code Partitioned} (CHIPS), so it is kept in the LMS site's partition and comes back with the launch POST.
     * If this fails, the state cookie lost its Partitioned attribute and launches in Chrome with third-party
     * cookies blocked now end in the "open in a new window" page.
     */
    @Test
    void withThirdPartyCookiesBlockedThePartitionedStateCookieStillLaunchesInTheIframe() {
        WebDriver d = thirdPartyCookiesBlocked().driver;
        launchFromCourseList(d, "launch-teacher-alg1-p2");
        assertThat(d.findElements(By.cssSelector("[data-testid=rejection-code]")))
                .as("launch with third-party cookies blocked (Partitioned state cookie)").isEmpty();
        expectHome(d, "Maria Rivera", COURSE, "Teacher");
        assertThat(thirdPartyStorageAccess(d)).as("third-party cookies really are blocked in this browser").isFalse();
        checkSessionByClick(d, "Maria Rivera", "Teacher");
        d.switchTo().defaultContent();
    }

    /**
     * The tool's cookies blocked inside the LMS, and the LMS offers platform storage (LTI Client Side
     * postMessages, as Canvas does): the binding goes through the LMS page by lti.put_data / lti.get_data and the
     * launch completes inside the iframe without any cookie.
     */
    @Test
    void withTheToolsCookiesBlockedTheLaunchCompletesThroughLmsPlatformStorage() {
        WebDriver d = toolCookiesBlockedInLms().driver;
        launchFromCourseList(d, "launch-teacher-alg1-p2");
        expectHome(d, "Maria Rivera", COURSE, "Teacher");
        checkSessionByClick(d, "Maria Rivera", "Teacher");
        d.switchTo().defaultContent();
        screenshot(d, "blocked-cookies-platform-storage", false);
    }

    /**
     * The tool's cookies blocked inside the LMS (as Safari does, or a browser set to block the tool's site when
     * embedded) and an LMS without platform storage: the iframe shows Tandem's explanation with an "Open Tandem in
     * a new window" link, and the launch completes in that first-party window.
     */
    @Test
    void withTheToolsCookiesBlockedAndNoPlatformStorageTheLaunchOffersANewWindowThatCompletesIt() {
        Browser b = toolCookiesBlockedInLms();
        WebDriver d = b.driver;
        String lmsWindow = d.getWindowHandle();
        launchFromPage(d, Deployments.demoBase() + "/demo/course/alg1-p2?as=teacher&storage=off");

        // Either Tandem's home (the block did not apply) or its rejection page: never a blank or broken frame.
        new WebDriverWait(d, WAIT).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=rejection-code]")),
                ExpectedConditions.presenceOfElementLocated(By.id("greeting"))));
        assertThat(d.findElements(By.id("greeting")))
                .as("the launch inside the iframe must fail when the browser blocks the tool's cookies there"
                        + " (Chromium prefs " + b.prefs + "): is the cookie exception still honoured?")
                .isEmpty();
        assertThat(d.findElement(By.cssSelector("[data-testid=rejection-code]")).getAttribute("textContent"))
                .isEqualTo("state_not_in_browser");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tandem could not open");
        assertThat(d.findElement(By.cssSelector("[data-testid=rejection-message]")).getText()).contains("cookie");
        WebElement retry = d.findElement(By.linkText("Open Tandem in a new window"));
        assertThat(retry.getAttribute("href")).startsWith(Deployments.toolBase() + "/lti/login?");
        assertThat(retry.getAttribute("target")).isEqualTo("_blank");
        d.switchTo().defaultContent();
        screenshot(d, "blocked-cookies-iframe", false);

        d.switchTo().frame(d.findElement(By.cssSelector("[data-testid=tool-frame]")));
        Set<String> before = d.getWindowHandles();
        d.findElement(By.linkText("Open Tandem in a new window")).click();
        new WebDriverWait(d, WAIT).until(x -> x.getWindowHandles().size() > before.size());
        String popup = d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
        d.switchTo().window(popup);
        try {
            new WebDriverWait(d, WAIT).until(ExpectedConditions.or(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=rejection-code]")),
                    ExpectedConditions.presenceOfElementLocated(By.id("greeting"))));
            assertThat(d.findElements(By.cssSelector("[data-testid=rejection-code]")))
                    .as("launch in the new window was rejected: " + d.getCurrentUrl() + " " + d.getPageSource())
                    .isEmpty();
            assertThat(URI.create(d.getCurrentUrl()).getHost()).as("first-party tool window").isEqualTo("localhost");
            expectHome(d, "Maria Rivera", COURSE, "Teacher");
            checkSessionByClick(d, "Maria Rivera", "Teacher");
            screenshot(d, "blocked-cookies-new-window", false);
        } finally {
            d.close();
            d.switchTo().window(lmsWindow);
        }
    }

    /**
     * Dynamic registration as a coordinator does it in Moodle: the LMS opens Tandem's registration page in a
     * frame, Tandem registers itself and shows what it did, and its Close button tells the LMS (postMessage
     * org.imsglobal.lti.close), which then shows the new registration. Screenshots feed the install guides.
     */
    @Test
    void dynamicRegistrationInTheDemoLmsEndsWithTheCloseMessage() {
        WebDriver d = standard().driver;
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/dr");
        screenshot(d, "dr-start", true);
        d.findElement(By.cssSelector("[data-testid=dr-start-moodle]")).click();
        WebElement frame = new WebDriverWait(d, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        new WebDriverWait(d, WAIT).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        new WebDriverWait(d, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=dr-result]")));
        assertThat(d.findElement(By.cssSelector("[data-testid=dr-client-id]")).getText()).startsWith("demo-dr-");
        assertThat(d.findElement(By.cssSelector("[data-testid=dr-district]")).getText()).isEqualTo(DISTRICT);
        d.switchTo().defaultContent();
        screenshot(d, "dr-registered", true);
        d.switchTo().frame(frame);
        d.findElement(By.cssSelector("[data-testid=dr-close]")).click();
        d.switchTo().defaultContent();
        new WebDriverWait(d, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=dr-done]")));
        assertThat(d.findElement(By.cssSelector("[data-testid=dr-done]")).getText()).contains("Tandem registered");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Opens the demo LMS course list, follows a launch link and switches into the tool's iframe. */
    private static void launchFromCourseList(WebDriver d, String testId) {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Riverside Unified School District");
        d.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
        enterToolFrame(d);
    }

    /** Opens an LMS page that embeds Tandem and switches into the tool's iframe once it shows a Tandem page. */
    private static void launchFromPage(WebDriver d, String url) {
        d.switchTo().defaultContent();
        d.get(url);
        enterToolFrame(d);
    }

    private static void enterToolFrame(WebDriver d) {
        WebElement frame = new WebDriverWait(d, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        String topOrigin = (String) ((JavascriptExecutor) d).executeScript("return location.origin");
        assertThat(topOrigin).isEqualTo(origin(Deployments.demoBase()));
        assertThat(frame.getAttribute("src")).startsWith(Deployments.toolBase() + "/lti/login?");
        new WebDriverWait(d, WAIT).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        // The launch ends in a page served by the tool: wait until the frame's document is on the tool's origin.
        String toolOrigin = origin(Deployments.toolBase());
        new WebDriverWait(d, WAIT).withMessage(() -> "the tool's iframe never showed a Tandem page; it is at "
                        + ((JavascriptExecutor) d).executeScript("return location.href")
                        + " (chrome-error://chromewebdata/ means the browser refused to load it, e.g. a CSP frame-src violation)")
                .until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                        "return location.origin === arguments[0] && document.readyState === 'complete'", toolOrigin)));
        String frameOrigin = (String) ((JavascriptExecutor) d).executeScript("return location.origin");
        assertThat(frameOrigin).isEqualTo(toolOrigin).isNotEqualTo(topOrigin);
    }

    private static void expectHome(WebDriver d, String name, String where, String role) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Welcome, " + name));
        assertThat(d.findElement(By.cssSelector("[data-testid=section]")).getText()).isEqualTo(where);
        assertThat(d.findElement(By.cssSelector("[data-testid=role]")).getText()).isEqualTo(role);
    }

    /** "Check my session": an htmx GET that only the X-Tandem-Session header authenticates. */
    private static void checkSessionByClick(WebDriver d, String name, String role) {
        assertThat(d.findElements(By.cssSelector("[data-testid=session-info]"))).isEmpty();
        d.findElement(By.xpath("//button[normalize-space()='Check my session']")).click();
        WebElement info = new WebDriverWait(d, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=session-info]")));
        assertThat(info.getText()).startsWith("Signed in as " + name + " (" + role + ")");
    }

    /** The same request without the header (cookies only) is refused: the session is the header, not a cookie. */
    private static void assertSessionNeedsTheHeader(WebDriver d) {
        Object status = ((JavascriptExecutor) d).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0] + '/app/session', {credentials: 'include'})"
                        + ".then(function (r) { done(r.status); }, function (e) { done('error ' + e); });",
                Deployments.toolBase());
        assertThat(status).isEqualTo(401L);
    }

    /** document.hasStorageAccess() in the current (embedded) document: false when third-party cookies are blocked. */
    private static boolean thirdPartyStorageAccess(WebDriver d) {
        Object r = ((JavascriptExecutor) d).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "document.hasStorageAccess().then(done, function (e) { done('error ' + e); });");
        assertThat(r).isInstanceOf(Boolean.class);
        return (Boolean) r;
    }

    private static WebElement active(WebDriver d) {
        return d.switchTo().activeElement();
    }

    private static ExpectedCondition<Boolean> activeElementIs(String id) {
        return x -> id.equals(((JavascriptExecutor) x).executeScript("return document.activeElement && document.activeElement.id"));
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static void screenshot(WebDriver d, String name, boolean forDocs) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot.toPath());
            assertThat(Files.size(target)).isGreaterThan(1000);
            if (forDocs && UPDATE_DOC_IMAGES) {
                Files.createDirectories(DOC_IMAGES);
                Files.copy(target, DOC_IMAGES.resolve("demo-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Browsers

    private static synchronized Browser standard() {
        if (standard == null) {
            standard = Browser.start(Map.of());
        }
        return standard;
    }

    /** Chromium with third-party cookies blocked (Settings > Privacy > Third-party cookies > Block). */
    private static synchronized Browser thirdPartyCookiesBlocked() {
        if (thirdPartyBlocked == null) {
            thirdPartyBlocked = Browser.start(thirdPartyCookiePrefs());
        }
        return thirdPartyBlocked;
    }

    /**
     * Third-party cookies blocked and, in addition, a "block" cookie exception for the tool's origin whenever the
     * top-level site is the LMS: this also refuses partitioned cookies, while the tool opened as a top-level
     * window keeps its cookies.
     */
    private static synchronized Browser toolCookiesBlockedInLms() {
        if (toolBlocked == null) {
            Map<String, Object> prefs = thirdPartyCookiePrefs();
            prefs.put("profile.content_settings.exceptions.cookies", Map.of(
                    origin(Deployments.toolBase()) + "," + origin(Deployments.demoBase()), Map.of("setting", 2)));
            toolBlocked = Browser.start(prefs);
        }
        return toolBlocked;
    }

    private static Map<String, Object> thirdPartyCookiePrefs() {
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("profile.cookie_controls_mode", 1);
        prefs.put("profile.block_third_party_cookies", true);
        return prefs;
    }

    /** One headless Chromium with its own fresh profile directory. */
    private static final class Browser {
        final WebDriver driver;
        final ChromeDriverService service;
        final Path profile;
        final Map<String, Object> prefs;

        private Browser(WebDriver driver, ChromeDriverService service, Path profile, Map<String, Object> prefs) {
            this.driver = driver;
            this.service = service;
            this.profile = profile;
            this.prefs = prefs;
        }

        static Browser start(Map<String, Object> prefs) {
            Path profile;
            try {
                profile = Files.createTempDirectory("tandem-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-quic", "--disable-sync", "--window-size=1280,1100", "--user-data-dir=" + profile);
            if (!prefs.isEmpty()) {
                options.setExperimentalOption("prefs", prefs);
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver;
            try {
                driver = new ChromeDriver(service, options);
            } catch (RuntimeException e) {
                service.stop();
                deleteTree(profile);
                throw e;
            }
            Browser b = new Browser(driver, service, profile, prefs);
            BROWSERS.add(b);
            return b;
        }

        void close() {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // the browser may already be gone; the service and profile are still cleaned up
            } finally {
                service.stop();
                deleteTree(profile);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}

package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The two Chromium sessions of {@link CoPlanningBrowserIT} (test JVM only). */
final class CoPlanning {
    /** Long enough for a few 5-second polls of the live strip. */
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String TITLE = "Ratios at stations " + java.util.UUID.randomUUID().toString().substring(0, 6);

    private static WebDriver rivera;
    private static WebDriver chen;

    private CoPlanning() {
    }

    static void launchBoth() {
        rivera = chromium("rivera");
        chen = chromium("chen");
        launch(rivera, "rivera", "Maria Rivera", "alg1-p2");
        launch(chen, "chen", "David Chen", "alg1-p5");
        expectHome(rivera);
        expectHome(chen);
    }

    static void coEdit() {
        // launched again after the link: the plans card now offers a new plan
        launch(rivera, "rivera", "Maria Rivera", "alg1-p2");
        wait(rivera).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=plan-new-toggle]"))).click();
        WebElement title = wait(rivera).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-title")));
        title.sendKeys(TITLE);
        rivera.findElement(By.cssSelector("[data-testid=plan-create]")).click();
        wait(rivera).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=plan-editor]")));
        assertThat(rivera.findElement(By.cssSelector("[data-testid=plan-heading]")).getText()).isEqualTo(TITLE);
        assertThat(rivera.findElements(By.cssSelector("[data-testid=station]"))).hasSize(3);
        assertThat(rivera.findElement(By.cssSelector("[data-testid=plan-minutes]")).getText()).contains("of 50 minutes planned");

        launch(chen, "chen", "David Chen", "alg1-p5");
        WebElement open = wait(chen).until(ExpectedConditions.elementToBeClickable(By.xpath("//a[@data-testid='open-plan' and text()='" + TITLE + "']")));
        open.click();
        wait(chen).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=plan-editor]")));

        // each sees the other on the live strip
        wait(rivera).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=plan-presence]"), "David Chen"));
        wait(chen).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=plan-presence]"), "Maria Rivera"));

        // Rivera saves a note; Chen's untouched form shows it
        type(rivera, "f-differentiation", "Sentence frames at both teacher stations.");
        rivera.findElement(By.cssSelector("[data-testid=plan-save]")).click();
        wait(rivera).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=plan-notice]"), "Saved version 2"));
        wait(chen).until(d -> "Sentence frames at both teacher stations.".equals(d.findElement(By.id("f-differentiation")).getAttribute("value")));
        assertThat(chen.findElement(By.cssSelector("[data-testid=plan-notice]")).getText()).contains("Maria Rivera saved version 2");
        screenshot(chen, "coplanning-change-appears");

        // both change the assessment: Chen starts typing, Rivera saves first
        type(chen, "f-assessment", "Mini whiteboards after each rotation.");
        type(rivera, "f-assessment", "Exit ticket with two unit-rate questions.");
        rivera.findElement(By.cssSelector("[data-testid=plan-save]")).click();
        wait(rivera).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=plan-notice]"), "Saved version 3"));
        // Chen's form has unsaved changes: it is not replaced, a notice says a newer version exists
        wait(chen).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=plan-newer]")));
        assertThat(chen.findElement(By.id("f-assessment")).getAttribute("value")).isEqualTo("Mini whiteboards after each rotation.");

        chen.findElement(By.cssSelector("[data-testid=plan-save]")).click();
        WebElement conflict = wait(chen).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=plan-conflict]")));
        assertThat(conflict.findElement(By.tagName("legend")).getText()).isEqualTo("Assessment / check for understanding");
        assertThat(conflict.findElement(By.cssSelector("[data-testid=conflict-mine]")).getText()).isEqualTo("Mini whiteboards after each rotation.");
        assertThat(conflict.findElement(By.cssSelector("[data-testid=conflict-theirs]")).getText()).isEqualTo("Exit ticket with two unit-rate questions.");
        screenshot(chen, "coplanning-resolver");
        chen.findElement(By.id("pick-0-custom")).click();
        chen.findElement(By.cssSelector("[data-testid=plan-resolve]")).click();
        wait(chen).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=plan-notice]"), "Saved with your choices"));
        String both = "Exit ticket with two unit-rate questions.\nMini whiteboards after each rotation.";
        assertThat(chen.findElement(By.id("f-assessment")).getAttribute("value")).isEqualTo(both);

        // Rivera's clean form picks up the resolution
        wait(rivera).until(d -> both.equals(d.findElement(By.id("f-assessment")).getAttribute("value")));
        assertThat(rivera.findElement(By.id("f-differentiation")).getAttribute("value")).isEqualTo("Sentence frames at both teacher stations.");
        screenshot(rivera, "coplanning-resolution-appears");
    }

    // ---- helpers

    /**
     * Opens the demo LMS course page and waits for Tandem's home in its iframe. The demo's course page launches the
     * course's main teacher (Maria Rivera in both courses); for the co-teacher the iframe is pointed at the same
     * login initiation with his login_hint, as the LMS does when he opens the course.
     */
    private static void launch(WebDriver d, String user, String name, String course) {
        d.switchTo().defaultContent();
        d.get(Deployments.demoBase() + "/demo/course/" + course + "?as=teacher");
        WebElement frame = wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        if (!user.equals("rivera")) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("iss", Deployments.demoBase() + "/demo");
            params.put("login_hint", user);
            params.put("target_link_uri", Deployments.toolBase() + "/app/home");
            params.put("lti_message_hint", course + ":teacher");
            params.put("client_id", "tandem-demo-client");
            params.put("lti_deployment_id", "demo-deployment-1");
            params.put("lti_storage_target", "_parent");
            String login = Deployments.toolBase() + "/lti/login?" + params.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            ((JavascriptExecutor) d).executeScript("arguments[0].src = arguments[1]", frame, login);
        }
        wait(d).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        String toolOrigin = Deployments.toolBase().substring(0, Deployments.toolBase().indexOf('/', "http://".length()));
        wait(d).withMessage(() -> "Tandem's home for " + name + " in the iframe").until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "var g = document.getElementById('greeting');"
                        + " return location.origin === arguments[0] && document.readyState === 'complete' && !!g && g.textContent === arguments[1]",
                toolOrigin, "Welcome, " + name)));
    }

    private static void expectHome(WebDriver d) {
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=plans]")));
    }

    private static void type(WebDriver d, String id, String text) {
        WebElement e = d.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private static WebDriverWait wait(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.ignoring(StaleElementReferenceException.class); // htmx may swap an element between find and read
        return wait;
    }

    private static WebDriver chromium(String who) {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("tandem.it.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--window-size=1280,1100",
                    "--user-data-dir=" + Files.createTempDirectory("tandem-coplan-" + who));
            return new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getProperty("tandem.it.chromedriver", "/usr/bin/chromedriver"))).usingAnyFreePort().build(),
                    options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeIfOpen() {
        for (WebDriver d : new WebDriver[] {rivera, chen}) {
            if (d != null) {
                d.quit();
            }
        }
        rivera = null;
        chen = null;
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

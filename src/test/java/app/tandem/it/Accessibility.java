package app.tandem.it;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Automated WCAG 2.1 A/AA checks with axe-core (Deque's {@code com.deque.html.axe-core:selenium}, MPL-2.0, test scope
 * only) on the page a browser test is looking at. Test JVM only: the server never loads it.
 *
 * <p>axe runs with the tags {@link #TAGS} (WCAG 2.0 and 2.1, levels A and AA; axe's "best-practice" rules are not
 * run). Its script is injected with Selenium's executeScript, which Chromium runs through the DevTools protocol:
 * Tandem's CSP ({@code script-src 'self'}) governs the page's own scripts, not the driver's, so nothing in the
 * product is relaxed for the test ({@link #scriptsRunUnderCsp} records that the page's CSP is in force).
 *
 * <p>Deque's Selenium binding runs axe in the current browsing context and in its frames, then finishes the run in a
 * blank tab; switching back to the window leaves the driver in the top-level document. {@link #checkToolFrame}
 * therefore enters Tandem's iframe in the demo LMS, checks it, and enters it again afterwards.
 *
 * <p>No rule is switched off: {@link #DISABLED} is empty. A rule may only be listed there for a finding that is a
 * true false positive, with the reason next to it (and in docs/testing.md).
 */
final class Accessibility {
    /** WCAG 2.0 and 2.1, levels A and AA. */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** Rule id → why it is a false positive here. Empty: every finding so far was a real problem and was fixed. */
    static final Map<String, String> DISABLED = Map.of();

    private static final By TOOL_FRAME = By.cssSelector("iframe[data-testid=tool-frame]");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SUMMARY = Path.of("target", "accessibility", "summary.txt");

    private Accessibility() {
    }

    /**
     * Checks the document in Tandem's iframe of the demo LMS page (the driver may be in the frame or at the top);
     * the driver is back in the frame afterwards.
     */
    static void checkToolFrame(WebDriver d, String page) {
        d.switchTo().defaultContent();
        d.switchTo().frame(d.findElement(TOOL_FRAME));
        settle(d);
        try {
            check(d, page);
        } finally {
            d.switchTo().defaultContent();
            d.switchTo().frame(d.findElement(TOOL_FRAME));
        }
    }

    /** Checks the top-level document (a page Tandem serves in a window of its own, an error page). */
    static void checkTopLevel(WebDriver d, String page) {
        d.switchTo().defaultContent();
        settle(d);
        try {
            check(d, page);
        } finally {
            d.switchTo().defaultContent();
        }
    }

    /** The page's scripts run under its CSP: an inline script the page adds is refused, while the driver's scripts run. */
    static boolean scriptsRunUnderCsp(WebDriver d) {
        Object ran = ((JavascriptExecutor) d).executeScript("window.__a11yInline = false;"
                + "var s = document.createElement('script'); s.textContent = 'window.__a11yInline = true;';"
                + "document.head.appendChild(s); s.remove(); return window.__a11yInline;");
        return Boolean.FALSE.equals(ran);
    }

    /** Waits until htmx is idle: no request in flight, no swap settling, no "load" placeholder left to replace. */
    static void settle(WebDriver d) {
        new WebDriverWait(d, WAIT).withMessage("htmx to finish loading the page").until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "return document.readyState === 'complete'"
                        + " && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')"
                        + " && !document.querySelector('[hx-trigger=load][hx-swap=outerHTML]')")));
    }

    private static void check(WebDriver d, String page) {
        List<String> tags = new java.util.ArrayList<>(TAGS);
        if (Boolean.getBoolean("tandem.it.a11y.bestPractice")) {
            tags.add("best-practice"); // exploratory only: axe's advice beyond WCAG (regions, heading order…)
        }
        AxeBuilder axe = new AxeBuilder().withTags(tags);
        if (!DISABLED.isEmpty()) {
            axe.disableRules(List.copyOf(DISABLED.keySet()));
        }
        Results results = axe.analyze(d);
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + page + ": " + results.getErrorMessage());
        }
        if (results.getUrl() == null || !results.getUrl().startsWith("http")) {
            throw new AssertionError("axe checked no page of Tandem for " + page + ": " + results.getUrl());
        }
        if (results.getPasses() == null || results.getPasses().isEmpty()) {
            throw new AssertionError("axe checked nothing on " + page + " (no rule passed): " + results.getUrl());
        }
        List<Rule> violations = results.getViolations();
        record(page, results);
        if (violations != null && !violations.isEmpty()) {
            throw new AssertionError(report(page, results.getUrl(), violations));
        }
    }

    /** Starts a new target/accessibility/summary.txt. */
    static void newSummary() {
        try {
            Files.deleteIfExists(SUMMARY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line per checked page in target/accessibility/summary.txt: rules passed, violations, and the rules axe could
     * not decide ("incomplete": a person should look, e.g. contrast over an image), with their element counts.
     */
    private static void record(String page, Results results) {
        String incomplete = results.getIncomplete() == null ? "" : results.getIncomplete().stream()
                .map(r -> r.getId() + " ×" + r.getNodes().size()).collect(Collectors.joining(", "));
        String line = page + " | " + results.getUrl() + " | passed " + results.getPasses().size() + " rules | violations "
                + (results.getViolations() == null ? 0 : results.getViolations().size()) + " | incomplete: "
                + (incomplete.isEmpty() ? "none" : incomplete) + System.lineSeparator();
        try {
            Files.createDirectories(SUMMARY.getParent());
            StringBuilder detail = new StringBuilder(line);
            if (results.getIncomplete() != null) {
                for (Rule r : results.getIncomplete()) {
                    for (var n : r.getNodes()) {
                        String why = n.getAny() == null ? "" : n.getAny().stream().map(c -> c.getMessage()).collect(Collectors.joining("; "));
                        detail.append("    ").append(r.getId()).append(' ').append(n.getTarget()).append(": ").append(why).append(System.lineSeparator());
                    }
                }
            }
            Files.writeString(SUMMARY, detail, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per rule (id, impact, help, link), then one per element (selector, what to fix). */
    static String report(String page, String url, List<Rule> violations) {
        StringBuilder b = new StringBuilder().append(violations.size()).append(" accessibility violation")
                .append(violations.size() == 1 ? "" : "s").append(" (axe, WCAG 2.1 A/AA) on ").append(page).append(" (").append(url).append("):");
        for (Rule r : violations) {
            b.append("\n- ").append(r.getId()).append(" [").append(r.getImpact()).append("] ").append(r.getHelp())
                    .append(" — ").append(r.getHelpUrl());
            for (var n : r.getNodes()) {
                b.append("\n    ").append(n.getTarget());
                String summary = n.getFailureSummary();
                if (summary != null) {
                    b.append(": ").append(summary.replace("\n", " "));
                }
            }
        }
        return b.toString();
    }

    /** The element a test wants to interact with next, once htmx has settled (a convenience for the page walk). */
    static WebElement settled(WebDriver d, By by) {
        settle(d);
        return d.findElement(by);
    }
}

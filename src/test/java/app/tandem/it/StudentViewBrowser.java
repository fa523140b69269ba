package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Chromium half of {@link StudentViewBrowserIT} (kept apart so the server, which has no Selenium, never loads it). */
final class StudentViewBrowser {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StudentViewBrowser() {
    }

    static void avaSeesWhatSheIsLearning() throws Exception {
        WebDriver d = StandardsBrowserIT.chromium();
        try {
            d.get(Deployments.demoBase() + "/demo/");
            d.findElement(By.cssSelector("[data-testid=launch-student-alg1-p2]")).click();
            enterToolFrame(d);
            WebElement unit = new WebDriverWait(d, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//section[@data-testid='learn-unit'][h3[normalize-space()='" + StudentViewBrowserIT.UNIT + "']]")));
            assertThat(d.findElement(By.id("student-home")).getText()).isEqualTo("What you are learning");
            assertThat(unit.findElements(By.cssSelector("[data-testid=ican]"))).extracting(WebElement::getText)
                    .containsExactly(StudentViewBrowserIT.STATEMENT, "Write the equation of a line through two given points.");
            WebElement link = unit.findElement(By.partialLinkText(StudentViewBrowserIT.VIDEO));
            assertThat(link.getAttribute("href")).isEqualTo("https://videos.example/slope");
            assertThat(link.getAttribute("target")).isEqualTo("_blank");
            assertThat(link.getAttribute("rel")).contains("noopener");
            String text = d.findElement(By.id("main")).getText();
            assertThat(text).doesNotContain(StudentViewBrowserIT.DRAFT, StudentViewBrowserIT.NOTE, "Compare linear growth");
            // the official wording is a keyboard-reachable disclosure
            WebElement official = unit.findElement(By.cssSelector("details.learn-official summary"));
            official.sendKeys(Keys.ENTER);
            assertThat(unit.findElement(By.cssSelector("details.learn-official")).getAttribute("open")).isNotNull();
            StandardsBrowserIT.screenshot(d, "student-view");
        } finally {
            d.quit();
        }
    }

    static void teacherPlacesTheVideoAndAvaOpensIt() throws Exception {
        WebDriver d = StandardsBrowserIT.chromium();
        try {
            d.get(Deployments.demoBase() + "/demo/course/alg1-p2/add-content");
            enterToolFrame(d);
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=deep-linking-form]")));
            WebElement group = d.findElement(By.xpath("//fieldset[@data-testid='deep-linking-group'][legend[normalize-space()='" + StudentViewBrowserIT.UNIT + "']]"));
            assertThat(group.getText()).contains(StudentViewBrowserIT.VIDEO).doesNotContain(StudentViewBrowserIT.DRAFT, StudentViewBrowserIT.NOTE);
            WebElement label = group.findElement(By.xpath(".//label[contains(., '" + StudentViewBrowserIT.VIDEO + "')]"));
            WebElement choice = d.findElement(By.id(label.getAttribute("for")));
            label.click();
            // the choice is required: a click lost while the picker's script settles the layout would block the submit
            wait.until(x -> {
                if (!choice.isSelected()) {
                    choice.click();
                }
                return choice.isSelected();
            });
            StandardsBrowserIT.screenshot(d, "deep-linking-picker");
            d.findElement(By.cssSelector("[data-testid=deep-linking-submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=content-added]")));
            assertThat(d.findElement(By.tagName("main")).getText()).contains(StudentViewBrowserIT.VIDEO);

            d.switchTo().defaultContent();
            d.get(Deployments.demoBase() + "/demo/course/alg1-p2?as=student");
            d.findElement(By.xpath("//a[@data-testid='placed-link'][normalize-space()='" + StudentViewBrowserIT.VIDEO + "']")).click();
            enterToolFrame(d);
            WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=learn-resource-page]")));
            assertThat(title.getText()).isEqualTo(StudentViewBrowserIT.VIDEO);
            WebElement open = d.findElement(By.cssSelector("[data-testid=learn-open]"));
            assertThat(open.getAttribute("href")).isEqualTo("https://videos.example/slope");
            assertThat(open.getAttribute("rel")).contains("noopener");
            assertThat(d.findElements(By.cssSelector("[data-testid=ican]"))).extracting(WebElement::getText)
                    .containsExactly(StudentViewBrowserIT.STATEMENT, "Write the equation of a line through two given points.");
            assertThat(d.findElements(By.cssSelector("[data-testid=learn-edit]"))).as("no edit links for students").isEmpty();
            // the whole course loads in place with htmx (session header)
            d.findElement(By.cssSelector("[data-testid=learn-all]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#learn-all [data-testid=learn-unit]")));
            StandardsBrowserIT.screenshot(d, "student-placed-resource");
        } finally {
            d.quit();
        }
    }

    private static void enterToolFrame(WebDriver d) {
        WebElement frame = new WebDriverWait(d, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[data-testid=tool-frame]")));
        new WebDriverWait(d, WAIT).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(frame));
        String toolOrigin = java.net.URI.create(Deployments.toolBase()).resolve("/").toString().replaceAll("/$", "");
        new WebDriverWait(d, WAIT).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                "return location.origin === arguments[0] && document.readyState === 'complete'", toolOrigin)));
    }

}

package app.tandem.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two teachers co-edit one plan in two headless Chromium sessions, each in the demo LMS with Tandem in its
 * cross-site iframe: Maria Rivera in Algebra I period 2, David Chen in period 5 (the demo's co-taught course).
 * Their sections are linked by writing the link-group rows inside the server. Each sees that the other is here
 * and the other's saved change appear; a save over a field the other changed meanwhile shows the resolver, and
 * the choice made there reaches the other teacher's page.
 *
 * <p>The browsers live in {@link CoPlanning} (test JVM only): this class also runs inside the server for the one
 * step that writes rows, where Selenium is not on the class path.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "tandem.it.database", matches = "postgres", disabledReason = "browser tests run in the H2 pass only")
class CoPlanningBrowserIT {

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(LinkGroups.class);
    }

    @AfterAll
    static void closeBrowsers() {
        CoPlanning.closeIfOpen();
    }

    @Test
    @Order(1)
    @RunAsClient
    void bothTeachersLaunchIntoTheirSectionsInTheDemoLms() {
        CoPlanning.launchBoth();
    }

    /** The group this test created inside the server (null if the sections were already linked). */
    private static String createdGroup;

    /** Inside the server: link the two demo sections (unless they already share a live group). */
    @Test
    @Order(2)
    void theirSectionsAreLinked() {
        String registration = LinkGroups.registrationOf(Deployments.demoBase() + "/demo", "tandem-demo-client");
        String p2 = LinkGroups.sectionId(registration, "demo-course-alg1-p2");
        String p5 = LinkGroups.sectionId(registration, "demo-course-alg1-p5");
        if (LinkGroups.sharedLiveGroup(p2, p5) == null) {
            createdGroup = LinkGroups.link(LinkGroups.districtOf(p2), "Algebra I (periods 2 and 5)", p2, p5);
        }
    }

    @Test
    @Order(3)
    @RunAsClient
    void eachSeesTheOtherAndTheOthersSavedChangeAndAConflictingSaveShowsTheResolver() {
        CoPlanning.coEdit();
    }

    /** Inside the server: the demo sections go back to how the test found them (other tests use the demo homes). */
    @Test
    @Order(4)
    void theLinkThisTestMadeIsRemoved() {
        if (createdGroup != null) {
            LinkGroups.remove(createdGroup);
            createdGroup = null;
        }
    }
}

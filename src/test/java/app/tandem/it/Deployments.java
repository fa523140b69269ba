package app.tandem.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The whole Tandem WAR as built by {@code mvn package}, deployed by Arquillian under /tandem-it (the failsafe
 * configuration sets TANDEM_BASE_URL to match). The environment helpers also work inside the server, for
 * in-container tests: they fall back to the server's environment (HTTP_PORT, TANDEM_ADMIN_TOKEN).
 */
public final class Deployments {
    public static final String NAME = "tandem-it.war";

    private Deployments() {
    }

    public static WebArchive tandem() {
        return ShrinkWrap.create(WebArchive.class, NAME)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tandem.war")));
    }

    /** The port from failsafe's system property; inside the server (in-container tests), from its HTTP_PORT. */
    /**
     * The WAR plus what in-container tests need in the server: the test platform and its helpers, and AssertJ
     * (JUnit and Arquillian's runner are added by Arquillian).
     */
    public static WebArchive tandemWithTestPlatform() {
        return tandem()
                .addClasses(TestPlatform.class, PlatformServices.class, PlatformPerJvm.class, ToolJwks.class, Browser.class,
                        AdminClient.class, Html.class, Deployments.class, StopTestPlatforms.class)
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int httpPort() {
        String env = System.getenv("HTTP_PORT");
        return Integer.getInteger("tandem.it.httpPort", env == null ? 9080 : Integer.parseInt(env));
    }

    /** Tandem's base URL as configured for the integration tests (tool origin: localhost). */
    public static String toolBase() {
        return "http://localhost:" + httpPort() + "/tandem-it";
    }

    /** The demo LMS's base URL (origin 127.0.0.1, so it is cross-site to the tool). */
    public static String demoBase() {
        return "http://127.0.0.1:" + httpPort() + "/tandem-it";
    }

    public static String adminToken() {
        return System.getProperty("tandem.it.adminToken", System.getenv("TANDEM_ADMIN_TOKEN"));
    }
}

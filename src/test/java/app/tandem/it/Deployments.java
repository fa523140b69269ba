package app.tandem.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The whole Tandem WAR as built by {@code mvn package}, deployed by Arquillian under /tandem-it (the failsafe
 * configuration sets TANDEM_BASE_URL to match).
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

package app.tandem.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

/**
 * Part of the in-container test deployment: when Arquillian undeploys it, stops the test platforms its tests started
 * inside the server (see {@link TestPlatform#closeAll}). Without it each such test class left a running HTTP server
 * whose threads kept its whole deployment (classes, search index) in the server's heap.
 */
@ApplicationScoped
public class StopTestPlatforms {
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        TestPlatform.closeAll();
    }
}

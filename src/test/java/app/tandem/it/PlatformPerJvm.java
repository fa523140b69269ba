package app.tandem.it;

import java.util.UUID;

/**
 * A {@link TestPlatform} started on first use in whichever JVM uses it: the tests' JVM for client-side tests, the
 * server's for in-container tests (the two share no static state). Closing forgets it, so that a later use starts
 * a new one under a new name.
 */
final class PlatformPerJvm {
    private final String name;
    private TestPlatform platform;

    PlatformPerJvm(String name) {
        this.name = name;
    }

    synchronized TestPlatform get() {
        if (platform == null) {
            platform = TestPlatform.start(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return platform;
    }

    /** The platform if one was started in this JVM, else null. */
    synchronized TestPlatform started() {
        return platform;
    }

    synchronized void close() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}

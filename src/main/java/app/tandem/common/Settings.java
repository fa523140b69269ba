package app.tandem.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server settings, read through MicroProfile Config: environment variables (TANDEM_BASE_URL, ...),
 * Liberty server.xml variables, or META-INF/microprofile-config.properties defaults.
 */
@ApplicationScoped
public class Settings {

    @Inject @ConfigProperty(name = "tandem.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    @Inject @ConfigProperty(name = "tandem.demo", defaultValue = "true")
    boolean demoEnabled;

    @Inject @ConfigProperty(name = "tandem.demo.base-url", defaultValue = "http://127.0.0.1:9080")
    String demoBaseUrl;

    @Inject @ConfigProperty(name = "tandem.admin-token")
    Optional<String> adminToken;

    @Inject @ConfigProperty(name = "tandem.master-key")
    Optional<String> masterKey;

    @Inject @ConfigProperty(name = "TANDEM_DATA_DIR", defaultValue = "data")
    String dataDir;

    @Inject @ConfigProperty(name = "tandem.session.hours", defaultValue = "8")
    int sessionHours;

    @Inject @ConfigProperty(name = "tandem.keys.rotation-days", defaultValue = "90")
    int keyRotationDays;

    @Inject @ConfigProperty(name = "tandem.keys.lead-hours", defaultValue = "24")
    int keyLeadHours;

    @Inject @ConfigProperty(name = "tandem.keys.overlap-hours", defaultValue = "24")
    int keyOverlapHours;

    /** The tool's public base URL (scheme, host, port and context path), without a trailing slash. */
    public String baseUrl() {
        return stripSlash(baseUrl);
    }

    public URI baseUri() {
        return URI.create(baseUrl());
    }

    /** Absolute URL of a tool path such as {@code /lti/launch}. */
    public String url(String path) {
        return baseUrl() + path;
    }

    public boolean demoEnabled() {
        return demoEnabled;
    }

    public String demoBaseUrl() {
        return stripSlash(demoBaseUrl);
    }

    public Optional<String> adminToken() {
        return adminToken.map(String::strip).filter(t -> !t.isEmpty());
    }

    public Optional<String> masterKey() {
        return masterKey.map(String::strip).filter(t -> !t.isEmpty());
    }

    public Path dataDir() {
        return Path.of(dataDir);
    }

    public Duration sessionLifetime() {
        return Duration.ofHours(Math.max(1, sessionHours));
    }

    /** Scheduled tool-key rotation period; 0 turns scheduled rotation off. */
    public Duration keyRotationPeriod() {
        return Duration.ofDays(Math.max(0, keyRotationDays));
    }

    /** How long a new key is published before it signs. */
    public Duration keyPublishLead() {
        return Duration.ofHours(Math.max(0, keyLeadHours));
    }

    /** How long a replaced key stays published after the switch. */
    public Duration keyOverlap() {
        return Duration.ofHours(Math.max(1, keyOverlapHours));
    }

    private static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}

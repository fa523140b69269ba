package app.tandem.common;

/** {@link Settings} as MicroProfile Config would fill them, for tests without a server. */
public final class TestSettings {
    private TestSettings() {
    }

    public static Settings withBaseUrl(String baseUrl) {
        Settings settings = new Settings();
        settings.baseUrl = baseUrl;
        settings.sessionHours = 8;
        return settings;
    }
}

package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.lti.api.DeepLinkingSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON columns of launch sessions round-trip exactly. */
class SessionJsonTest {

    @Test
    void deepLinkingSettingsRoundTrip() {
        DeepLinkingSettings s = new DeepLinkingSettings("https://lms.example/dl?x=1", List.of("ltiResourceLink", "link"),
                List.of("iframe"), true, "opaque \"data\"", "Title", null);
        assertThat(SessionJson.deepLinking(SessionJson.deepLinking(s))).isEqualTo(s);
        assertThat(SessionJson.deepLinking((DeepLinkingSettings) null)).isNull();
        assertThat(SessionJson.deepLinking((String) null)).isNull();
    }

    @Test
    void oversizedSettingsAreRefused() {
        DeepLinkingSettings s = new DeepLinkingSettings("https://lms.example/dl", List.of("ltiResourceLink"), List.of(), false,
                "x".repeat(9000), null, null);
        assertThatThrownBy(() -> SessionJson.deepLinking(s)).isInstanceOfSatisfying(LaunchRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Rejection.DEEP_LINKING_SETTINGS));
    }

    @Test
    void customRoundTrip() {
        Map<String, String> custom = Map.of("tandem_target", "home", "quote", "a\"b");
        assertThat(SessionJson.custom(SessionJson.custom(custom))).isEqualTo(custom);
        assertThat(SessionJson.custom(Map.of())).isNull();
        assertThat(SessionJson.custom((String) null)).isEmpty();
    }
}

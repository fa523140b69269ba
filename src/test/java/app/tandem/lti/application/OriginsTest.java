package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {
    private static final String BASE = "https://tool.example/tandem-it";

    @ParameterizedTest
    @CsvSource({
            "https://lms.example.edu/courses/1?x=y#f, https://lms.example.edu",
            "HTTPS://LMS.Example.EDU/, https://lms.example.edu",
            "https://lms.example.edu:443/a, https://lms.example.edu",
            "http://lms.example.edu:80/a, http://lms.example.edu",
            "https://lms.example.edu:8443/a, https://lms.example.edu:8443",
            "http://lms.example.edu:443/a, http://lms.example.edu:443",
            "http://localhost:9080/tandem, http://localhost:9080",
            "http://[::1]:9080/x, http://[::1]:9080",
            "'  https://lms.example.edu/padded  ', https://lms.example.edu",
            "https://user:pw@lms.example.edu/x, https://lms.example.edu",
    })
    void originOfAnAbsoluteHttpUrl(String url, String origin) {
        assertThat(Origins.of(url)).isEqualTo(origin);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "/relative/path", "lms.example.edu", "ftp://lms.example.edu/x", "javascript:alert(1)",
            "mailto:a@b.c", "https://", "https://bad host/x", "file:///etc/passwd"})
    void noOriginForAnythingElse(String url) {
        assertThat(Origins.of(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1"})
    void loopbackHosts(String host) {
        assertThat(Origins.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lms.example.edu", "localhost.example.com", "mylocalhost", "10.0.0.1", "128.0.0.1", "0.0.0.0",
            "[::2]"})
    void nonLoopbackHosts(String host) {
        assertThat(Origins.isLoopback(host)).isFalse();
    }

    @Test
    void dnsNameStartingWith127IsNotLoopback() {
        assertThat(Origins.isLoopback("127.attacker.example")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            BASE,
            BASE + "/",
            BASE + "/lti/launch",
            BASE + "/lti/launch?x=1#frag",
            BASE + "?x=1",
            BASE + "/./lti",
            BASE + "/a/../lti",
            "HTTPS://TOOL.EXAMPLE/tandem-it/x",
            "https://tool.example:443/tandem-it/x",
    })
    void underTheBase(String url) {
        assertThat(Origins.isUnder(url, BASE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            BASE + "/../evil",
            BASE + "/lti/../../evil",
            "https://tool.example/tandem-itx",
            "https://tool.example/tandem-itx/lti/launch",
            "https://tool.example/tandem",
            "https://tool.example/",
            "https://tool.example/TANDEM-IT/x",
            "https://tool.example:8443/tandem-it/x",
            "http://tool.example/tandem-it/x",
            "https://other.example/tandem-it/x",
            "https://tool.example.evil.example/tandem-it/x",
            "https://tool.example@evil.example/tandem-it/x",
            "/tandem-it/x",
            "not a url",
    })
    void notUnderTheBase(String url) {
        assertThat(Origins.isUnder(url, BASE)).isFalse();
    }

    @Test
    void nullUrlIsNotUnderTheBase() {
        assertThat(Origins.isUnder(null, BASE)).isFalse();
    }

    @Test
    void percentEncodedTraversalIsNotUnderTheBase() {
        assertThat(Origins.isUnder(BASE + "/%2e%2e/evil", BASE)).isFalse();
        assertThat(Origins.isUnder(BASE + "/%2E%2E/evil", BASE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tool.example", "https://tool.example/"})
    void baseAtTheRootAcceptsTheWholeOriginOnly(String base) {
        assertThat(Origins.isUnder("https://tool.example/anything/at/all", base)).isTrue();
        assertThat(Origins.isUnder("https://tool.example:8443/anything", base)).isFalse();
        assertThat(Origins.isUnder("http://tool.example/anything", base)).isFalse();
    }
}

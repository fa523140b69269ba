package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.standards.CaseProviderStub;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.CaseProviderClient.Credentials;
import app.tandem.standards.application.CaseProviderClient.Kind;
import app.tandem.standards.application.CaseProviderClient.Policy;
import app.tandem.standards.application.CaseProviderClient.ProviderException;
import app.tandem.standards.application.CaseProviderClient.Target;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CASE provider client against an in-test provider: URLs, address guard, OAuth 2, listings, downloads and every failure mode. */
class CaseProviderClientTest {
    static final String SMART = "c5fb0812-d7cb-11e8-824f-0242ac160002";
    static CaseProviderStub provider;
    static final CaseProviderClient CLIENT = new CaseProviderClient(new Policy(true, false, Duration.ofSeconds(5), Duration.ofSeconds(2), 1024 * 1024));

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        provider = new CaseProviderStub().serve(SMART, "Smart level test", TestDatabase.data("opensalt_smartlevel-test_case1p0.json"));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void recognisesPackagesListingsAndBaseUrls() {
        Target p = CaseProviderClient.target("https://casenetwork.example.org/ims/case/v1p1/CFPackages/" + SMART);
        assertThat(p.kind()).isEqualTo(Kind.PACKAGE);
        assertThat(p.version()).isEqualTo("v1p1");
        assertThat(p.identifier()).isEqualTo(SMART);
        assertThat(p.root()).isEqualTo("https://casenetwork.example.org");

        Target doc = CaseProviderClient.target("https://x.example.org/api/ims/case/v1p0/CFDocuments/" + SMART + "/");
        assertThat(doc.kind()).isEqualTo(Kind.PACKAGE);
        assertThat(doc.uri().toString()).isEqualTo("https://x.example.org/api/ims/case/v1p0/CFPackages/" + SMART);

        Target listing = CaseProviderClient.target("https://opensalt.example.org/ims/case/v1p0/CFDocuments");
        assertThat(listing.kind()).isEqualTo(Kind.LISTING);
        assertThat(listing.version()).isEqualTo("v1p0");

        Target base = CaseProviderClient.target("https://opensalt.example.org/");
        assertThat(base.kind()).isEqualTo(Kind.BASE);
        assertThat(base.listing("v1p1").toString()).isEqualTo("https://opensalt.example.org/ims/case/v1p1/CFDocuments");
        assertThat(CaseProviderClient.display(URI.create("https://h.example/ims/case/v1p1/CFPackages/x?access_token=abc#f")))
                .isEqualTo("https://h.example/ims/case/v1p1/CFPackages/x");
    }

    @Test
    void refusesInvalidUrlsAndOtherSchemes() {
        assertCode(() -> CaseProviderClient.target("not a url"), "invalid_url");
        assertCode(() -> CaseProviderClient.target("ftp://example.org/ims/case/v1p1/CFPackages/x"), "invalid_url");
        assertCode(() -> CaseProviderClient.target("file:///etc/passwd"), "invalid_url");
        assertCode(() -> CaseProviderClient.target("javascript:alert(1)"), "invalid_url");
        assertCode(() -> CaseProviderClient.target("https://user:pw@example.org/ims/case/v1p1/CFPackages/x"), "invalid_url");
        assertCode(() -> CaseProviderClient.target("https://example.org/ims/case/v1p1/CFPackages"), "invalid_url");
        assertCode(() -> CaseProviderClient.target(""), "invalid_url");
    }

    @Test
    void guardsAddresses() throws Exception {
        Policy strict = Policy.defaults();
        Policy loose = new Policy(true, true, Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
        for (String never : new String[] {"169.254.169.254", "169.254.1.1", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "fd00:ec2::254"}) {
            assertThat(CaseProviderClient.refusal(InetAddress.getByName(never), loose)).as(never).isNotNull();
        }
        for (String privateOrLocal : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd12::1"}) {
            assertThat(CaseProviderClient.refusal(InetAddress.getByName(privateOrLocal), strict)).as(privateOrLocal).isNotNull();
            assertThat(CaseProviderClient.refusal(InetAddress.getByName(privateOrLocal), loose)).as(privateOrLocal).isNull();
        }
        assertThat(CaseProviderClient.refusal(InetAddress.getByName("93.184.216.34"), strict)).isNull();

        CaseProviderClient strictClient = new CaseProviderClient(strict);
        assertCode(() -> strictClient.checkAddress(URI.create("http://169.254.169.254/latest/meta-data/")), "refused_address");
        assertCode(() -> strictClient.checkAddress(URI.create(provider.base())), "refused_address");
        assertCode(() -> strictClient.requireSecureFor(URI.create("http://example.org/token"), "token URL"), "invalid_url");
        CLIENT.requireSecureFor(URI.create(provider.tokenUrl()), "token URL"); // loopback allowed by this policy
    }

    @Test
    void downloadsAPackageWithAndWithoutOAuth2() throws Exception {
        Path file = dir.resolve("p.json");
        long size = CLIENT.download(URI.create(provider.packageUrl("", "v1p0", SMART)), null, file, null);
        assertThat(size).isEqualTo(Files.size(TestDatabase.data("opensalt_smartlevel-test_case1p0.json")));
        assertThat(Files.mismatch(file, TestDatabase.data("opensalt_smartlevel-test_case1p0.json"))).isEqualTo(-1);

        assertCode(() -> CLIENT.download(URI.create(provider.packageUrl("/secure", "v1p1", SMART)), null, dir.resolve("q.json"), null), "provider_status");
        String token = CLIENT.accessToken(credentials(CaseProviderStub.CLIENT_SECRET));
        assertThat(CLIENT.download(URI.create(provider.packageUrl("/secure", "v1p1", SMART)), token, dir.resolve("r.json"), null)).isEqualTo(size);

        ProviderException refused = codeOf(() -> CLIENT.accessToken(credentials("wrong secret")), "provider_auth");
        assertThat(refused.getMessage()).contains("401").contains("invalid_client").doesNotContain("wrong secret");
        assertCode(() -> CLIENT.accessToken(new Credentials(URI.create(provider.tokenUrl()), CaseProviderStub.CLIENT_ID,
                CaseProviderStub.CLIENT_SECRET, "https://example.org/other-scope")), "provider_auth");
        assertThat(credentials("x").toString()).doesNotContain("x]").contains("secret hidden");
    }

    @Test
    void listsDocumentsOfAListingOrABaseUrl() {
        var listing = CLIENT.documents(CaseProviderClient.target(provider.base()), null);
        assertThat(listing.version()).isEqualTo("v1p1");
        assertThat(listing.documents()).singleElement().satisfies(d -> {
            assertThat(d.identifier()).isEqualTo(SMART);
            assertThat(d.title()).isEqualTo("Smart level test");
            assertThat(d.packageUrl().toString()).isEqualTo(provider.packageUrl("", "v1p1", SMART));
        });
        assertThat(CLIENT.documents(CaseProviderClient.target(provider.base() + "/ims/case/v1p0/CFDocuments"), null).version()).isEqualTo("v1p0");
        assertCode(() -> CLIENT.documents(CaseProviderClient.target(provider.base() + "/html/ims/case/v1p1/CFDocuments"), null), "provider_not_json");
        assertCode(() -> CLIENT.documents(CaseProviderClient.target(provider.base() + "/wrong/ims/case/v1p1/CFDocuments"), null), "provider_not_case");
    }

    @Test
    void everyFailureModeHasACodeAndAMessage() {
        assertThat(codeOf(() -> fetch("/status/404"), "provider_status").getMessage()).contains("404 Not Found")
                .contains("Nothing with that identifier <here>.");
        assertThat(codeOf(() -> fetch("/status/500"), "provider_status").getMessage()).contains("500");
        assertThat(codeOf(() -> fetch("/html"), "provider_not_json").getMessage()).contains("web page");
        assertCode(() -> fetch("/text"), "provider_not_json");
        assertCode(() -> fetch("/big"), "provider_too_large");
        assertThat(codeOf(() -> fetch("/slow"), "provider_timeout").getMessage()).contains("2 s");
        assertCode(() -> fetch("/stall"), "provider_timeout");
        assertThat(codeOf(() -> fetch("/redirect-away"), "provider_redirect").getMessage()).contains("only to https or to the same host");
        assertThat(fetch("/redirect-same")).isPositive();
        assertCode(() -> CLIENT.download(URI.create("http://127.0.0.1:1/ims/case/v1p1/CFPackages/x"), null, dir.resolve("c.json"), null),
                "provider_unreachable");
        assertCode(() -> CLIENT.download(URI.create("http://no-such-host.invalid/ims/case/v1p1/CFPackages/x"), null, dir.resolve("d.json"), null),
                "provider_unreachable");
        assertThat(provider.requests).noneMatch(r -> r.contains("/redirect-away") && r.endsWith("Bearer"));
    }

    @Test
    void theBearerTokenStaysWithTheOriginItWasObtainedFor() {
        String token = CLIENT.accessToken(credentials(CaseProviderStub.CLIENT_SECRET));
        provider.requests.clear();
        CLIENT.download(URI.create(provider.packageUrl("/redirect-same", "v1p1", SMART)), token, dir.resolve("s.json"), null);
        assertThat(provider.requests).allMatch(r -> r.endsWith("Bearer"));
    }

    private long fetch(String prefix) {
        return CLIENT.download(URI.create(provider.packageUrl(prefix, "v1p1", SMART)), null, dir.resolve("f" + System.nanoTime() + ".json"), null);
    }

    private static Credentials credentials(String secret) {
        return new Credentials(URI.create(provider.tokenUrl()), CaseProviderStub.CLIENT_ID, secret, null);
    }

    private static void assertCode(ThrowingCallable call, String code) {
        codeOf(call, code);
    }

    private static ProviderException codeOf(ThrowingCallable call, String code) {
        ProviderException[] caught = new ProviderException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0];
    }
}

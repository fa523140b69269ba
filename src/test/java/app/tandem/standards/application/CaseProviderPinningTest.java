package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.standards.CaseProviderStub;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.CaseProviderClient.Policy;
import app.tandem.standards.application.CaseProviderClient.ProviderException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: the connection goes only to the addresses that were checked. A resolver stub plays a DNS server
 * that answers a public address the first time and 127.0.0.1 (where a CASE provider listens) every time after.
 */
class CaseProviderPinningTest {
    static final String SMART = "c5fb0812-d7cb-11e8-824f-0242ac160002";
    static final byte[] PUBLIC = {(byte) 203, 0, 113, 10}; // TEST-NET-3: public, allowed by the policy, nobody answers
    static CaseProviderStub provider;
    static int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        provider = new CaseProviderStub().serve(SMART, "Smart level test", TestDatabase.data("opensalt_smartlevel-test_case1p0.json"));
        port = URI.create(provider.base()).getPort();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    /** Answers {@code first} to the first question, 127.0.0.1 afterwards; remembers every question. */
    static final class Rebinding implements CaseProviderClient.Resolver {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        private final byte[] first;

        Rebinding(byte[] first) {
            this.first = first;
        }

        @Override
        public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            boolean firstTime = asked.isEmpty();
            asked.add(host);
            return new InetAddress[] {InetAddress.getByAddress(host, firstTime ? first : new byte[] {127, 0, 0, 1})};
        }
    }

    static CaseProviderClient strict(CaseProviderClient.Resolver resolver) {
        return new CaseProviderClient(new Policy(false, false, Duration.ofMillis(700), Duration.ofSeconds(3), 1024 * 1024), resolver);
    }

    @Test
    void aSecondAnswerPointingAtLoopbackIsNeverConnectedTo() {
        Rebinding dns = new Rebinding(PUBLIC);
        CaseProviderClient client = strict(dns);
        int before = provider.requests.size();
        URI url = URI.create("http://rebind.example:" + port + "/ims/case/v1p1/CFPackages/" + SMART);

        assertThatThrownBy(() -> client.download(url, null, dir.resolve("p.json"), null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isIn("provider_timeout", "provider_unreachable"));

        // one question, and the connection went to the address of that answer (which nobody serves), never to 127.0.0.1
        assertThat(dns.asked).containsExactly("rebind.example");
        assertThat(provider.requests).hasSize(before);
        assertThat(Files.exists(dir.resolve("p.json")) ? dir.resolve("p.json").toFile().length() : 0L).isZero();
    }

    @Test
    void theEarlyCheckAndTheConnectionEachCheckTheirOwnAnswer() {
        // the early check (the coordinator's 400) sees the public answer; the connection asks again, gets 127.0.0.1
        // and refuses it instead of connecting
        Rebinding dns = new Rebinding(PUBLIC);
        CaseProviderClient client = strict(dns);
        int before = provider.requests.size();
        URI url = URI.create("http://rebind.example:" + port + "/ims/case/v1p1/CFDocuments");
        client.checkAddress(url);

        assertThatThrownBy(() -> client.documents(CaseProviderClient.target(url.toString()), null))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("refused_address");
                    assertThat(e.getMessage()).contains("rebind.example").contains("127.0.0.1").contains("loopback");
                });
        assertThat(dns.asked).containsExactly("rebind.example", "rebind.example");
        assertThat(provider.requests).hasSize(before);
    }

    @Test
    void theTokenRequestIsPinnedToo() {
        // the token URL passes the check with the public answer; the connection's own answer (127.0.0.1) is refused
        Rebinding dns = new Rebinding(PUBLIC);
        CaseProviderClient client = strict(dns);
        int before = provider.requests.size();
        CaseProviderClient.Credentials c = new CaseProviderClient.Credentials(URI.create("https://auth.example:" + port + "/oauth/token"),
                CaseProviderStub.CLIENT_ID, CaseProviderStub.CLIENT_SECRET, null);
        assertThatThrownBy(() -> client.accessToken(c))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("refused_address"));
        assertThat(dns.asked).hasSize(2);
        assertThat(provider.requests).hasSize(before);
    }

    @Test
    void aNameIsConnectedToExactlyAsTheResolverAnswered() throws Exception {
        // loopback allowed: the name (unknown to the system's DNS) reaches the provider only through the resolver's answer
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        CaseProviderClient client = new CaseProviderClient(new Policy(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024),
                host -> {
                    asked.add(host);
                    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                });
        Path file = dir.resolve("ok.json");
        long size = client.download(URI.create("http://provider.test:" + port + "/ims/case/v1p1/CFPackages/" + SMART), null, file, null);
        assertThat(size).isEqualTo(Files.size(TestDatabase.data("opensalt_smartlevel-test_case1p0.json")));
        assertThat(asked).containsExactly("provider.test");
    }
}

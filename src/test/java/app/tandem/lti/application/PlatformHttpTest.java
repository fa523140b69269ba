package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {
    private HttpServer server;
    private String base;
    private volatile String seenAuthorization;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            seenAuthorization = ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/huge", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 10; i++) {
                    ex.getResponseBody().write(chunk);
                }
            } catch (Exception ignored) {
                // the client stops reading
            }
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", base + "/ok");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheBearerAndReadsTheAnswer() throws Exception {
        PlatformHttp.Answer a = new PlatformHttp().get(URI.create(base + "/ok"), "reg-token");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{\"a\":1}");
        assertThat(seenAuthorization).isEqualTo("Bearer reg-token");
        new PlatformHttp().postJson(URI.create(base + "/ok"), null, "{}");
        assertThat(seenAuthorization).isNull();
    }

    @Test
    void stopsReadingAfter256Kilobytes() {
        assertThatThrownBy(() -> new PlatformHttp().get(URI.create(base + "/huge"), null))
                .isInstanceOf(PlatformHttp.TooLargeException.class);
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        assertThat(new PlatformHttp().get(URI.create(base + "/redirect"), null).status()).isEqualTo(302);
    }
}

package app.tandem.it;

import app.tandem.common.HttpClients;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP calls to Tandem's pages and JSON API as the people of a test, named by a key of the test's session map
 * (each sends its launch session in the X-Tandem-Session header; a null name sends none). Works from the tests'
 * JVM and inside the server.
 */
final class SessionHttp {
    static final HttpClient CLIENT = HttpClients.build(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)));

    private final Map<String, String> sessions;
    private final Duration timeout;

    /** Calls with the sessions of the map (read at each call), each waiting at most {@code timeout} for the answer. */
    SessionHttp(Map<String, String> sessions, Duration timeout) {
        this.sessions = sessions;
        this.timeout = timeout;
    }

    /** Launches the person from the platform into Tandem; the launch session of the page it got. */
    static String launch(TestPlatform platform, Person p) {
        HttpResponse<String> page = platform.launch(new Browser(), p);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String token = Html.sessionToken(page.body());
        assertThat(token).as("session of " + p.name()).isNotNull();
        return token;
    }

    HttpResponse<String> get(String who, String path) {
        return raw(who, "GET", path, null, null);
    }

    /** A POST without a body. */
    HttpResponse<String> post(String who, String path) {
        return raw(who, "POST", path, null, null);
    }

    /** A JSON body. */
    HttpResponse<String> send(String who, String method, String path, String json) {
        return raw(who, method, path, "application/json", json);
    }

    /** A form POST of name/value pairs (none: an empty form). */
    HttpResponse<String> form(String who, String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return raw(who, "POST", path, "application/x-www-form-urlencoded", body.toString());
    }

    HttpResponse<String> raw(String who, String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (who != null) {
            b.header("X-Tandem-Session", sessions.get(who));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    static JsonObject object(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    static JsonArray array(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readArray();
        }
    }
}

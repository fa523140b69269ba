package app.tandem.it;

import app.tandem.common.HttpClients;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Tandem's admin API (/api/admin, bearer token) with JSON bodies, read and written with Nimbus's JSON utilities. */
public final class AdminClient {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder());

    private final String authorization;

    /** @param authorization the Authorization header to send, or null for none */
    public AdminClient(String authorization) {
        this.authorization = authorization;
    }

    /** A client with the admin token the server was started with. */
    public static AdminClient authorized() {
        return new AdminClient("Bearer " + Deployments.adminToken());
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(String method, String path, Map<String, ?> body) {
        return send(method, path, JSONObjectUtils.toJSONString(body));
    }

    /** POSTs and returns the created resource; anything but 201 fails the test. */
    public Map<String, Object> create(String path, Map<String, ?> body) {
        HttpResponse<String> response = send("POST", path, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public String createId(String path, Map<String, ?> body) {
        return (String) create(path, body).get("id");
    }

    public static List<Object> jsonList(HttpResponse<String> response) {
        try {
            return JSONArrayUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON array (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }
}

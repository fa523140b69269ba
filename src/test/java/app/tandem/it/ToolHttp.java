package app.tandem.it;

import app.tandem.common.HttpClients;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Calls to Tandem's pages and JSON API with a launch session (header X-Tandem-Session), from the tests' JVM or the server's. */
final class ToolHttp {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)));

    private ToolHttp() {
    }

    /** A file of the shared standards data folder (from the worktree, the main checkout or the server's working directory). */
    static Path standardsFile(String file) {
        for (String base : new String[] {"../shared/data/standards", "/work/shared/data/standards", "../../shared/data/standards"}) {
            Path p = Path.of(base, file);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("missing standards data file " + file);
    }

    /** GET with the session (null: without). */
    static HttpResponse<String> get(String session, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path));
        if (session != null) {
            b.header("X-Tandem-Session", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String session, String method, String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path)).header("X-Tandem-Session", session)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject object(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** Imports a standards file through the API as a coordinator and waits for the job's end; returns the finished job. */
    static JsonObject importStandards(String coordinator, String name, String content) throws Exception {
        HttpResponse<String> started = send(coordinator, "POST", "/api/standards/imports?name=" + name, "application/json", content);
        if (started.statusCode() != 202) {
            throw new AssertionError("import not started (" + started.statusCode() + "): " + started.body());
        }
        return waitForImport(coordinator, object(started.body()).getString("id"));
    }

    /** Polls an import job until it succeeded or failed (two minutes at most). */
    static JsonObject waitForImport(String coordinator, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject job = object(get(coordinator, "/api/standards/imports/" + id).body());
            String status = job.getString("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish in time");
    }
}

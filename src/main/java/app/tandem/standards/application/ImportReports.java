package app.tandem.standards.application;

import app.tandem.standards.domain.ImportReport;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The final report of an import job as JSON (stored on the job row, returned by the API) and as a view for pages. */
public final class ImportReports {
    private ImportReports() {
    }

    public record IssueView(String code, String message, int count, List<String> where) {
    }

    public record View(boolean committed, boolean validateOnly, String format, String caseVersion, String frameworkId, String frameworkTitle,
                       Integer version, Map<String, Integer> counts, List<IssueView> errors, List<IssueView> warnings, String problem) {
    }

    public static String json(ImportRunner.Result r) {
        return json(r, false);
    }

    public static String json(ImportRunner.Result r, boolean validateOnly) {
        FrameworkImport.Outcome o = r.outcome();
        JsonObjectBuilder b = Json.createObjectBuilder().add("committed", o.committed()).add("validateOnly", validateOnly)
                .add("format", r.format());
        if (o.frameworkId() != null && o.committed()) {
            b.add("framework", Json.createObjectBuilder().add("id", o.frameworkId())
                    .add("title", o.title() == null ? "" : o.title()).add("version", o.versionNo()));
        }
        b.add("counts", Json.createObjectBuilder().add("items", o.items()).add("associations", o.associations())
                .add("added", o.added()).add("updated", o.updated()).add("unchanged", o.unchanged()).add("retired", o.retired()));
        b.add("errorCount", r.report().errorCount()).add("warningCount", r.report().warningCount());
        b.add("errors", issues(r.report().errors()));
        b.add("warnings", issues(r.report().warnings()));
        return b.build().toString();
    }

    /** A report for a job that could not run to its end (server stopped, database failure). */
    public static String problem(String message) {
        return Json.createObjectBuilder().add("committed", false).add("problem", message)
                .add("errors", Json.createArrayBuilder()).add("warnings", Json.createArrayBuilder()).build().toString();
    }

    /** The same with a code saying what kind of problem (a CASE provider's: provider_timeout, provider_status, …). */
    public static String problem(String code, String message) {
        return Json.createObjectBuilder().add("committed", false).add("problem", message).add("problemCode", code)
                .add("errors", Json.createArrayBuilder()).add("warnings", Json.createArrayBuilder()).build().toString();
    }

    private static JsonArrayBuilder issues(List<ImportReport.Issue> list) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (ImportReport.Issue i : list) {
            JsonArrayBuilder where = Json.createArrayBuilder();
            i.where().forEach(where::add);
            a.add(Json.createObjectBuilder().add("code", i.code()).add("message", i.message()).add("count", i.count()).add("where", where));
        }
        return a;
    }

    public static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    public static View view(String json) {
        JsonObject o = parse(json);
        if (o == null) {
            return null;
        }
        JsonObject fw = o.containsKey("framework") ? o.getJsonObject("framework") : null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (o.containsKey("counts")) {
            o.getJsonObject("counts").forEach((k, v) -> counts.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        }
        return new View(o.getBoolean("committed", false), o.getBoolean("validateOnly", false), o.getString("format", null), o.getString("caseVersion", null),
                fw == null ? null : fw.getString("id"), fw == null ? null : fw.getString("title", null),
                fw == null ? null : fw.getInt("version"), counts, issueViews(o.getJsonArray("errors")),
                issueViews(o.getJsonArray("warnings")), o.getString("problem", null));
    }

    private static List<IssueView> issueViews(JsonArray a) {
        List<IssueView> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (JsonValue v : a) {
            JsonObject i = v.asJsonObject();
            List<String> where = new ArrayList<>();
            i.getJsonArray("where").forEach(w -> where.add(((jakarta.json.JsonString) w).getString()));
            out.add(new IssueView(i.getString("code"), i.getString("message"), i.getInt("count"), where));
        }
        return out;
    }
}

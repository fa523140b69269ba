package app.tandem.coteaching.web;

import app.tandem.coteaching.application.Durations;
import app.tandem.coteaching.application.PlanDiff;
import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanViews;
import app.tandem.coteaching.application.ThreeWayMerge;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of the plans API. */
final class PlanJson {
    private PlanJson() {
    }

    static JsonObjectBuilder plan(PlanViews.Plan p, PlanViews.Group g, boolean mayEdit) {
        Durations d = p.durations();
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", p.id()).add("groupId", p.groupId()).add("version", p.version())
                .add("status", p.status()).add("mayEdit", mayEdit)
                .add("model", model(p.model()))
                .add("minutes", Json.createObjectBuilder().add("planned", d.planned()).add("period", d.period())
                        .add("remaining", d.remaining()).add("over", d.over()).add("stations", d.stations()).add("text", d.text()))
                .add("createdAt", time(p.createdAt())).add("updatedAt", time(p.updatedAt()))
                .add("updatedBy", p.updatedByName() == null ? JsonValue.NULL : Json.createValue(p.updatedByName()))
                .add("publishedAt", p.publishedAt() == null ? JsonValue.NULL : Json.createValue(p.publishedAt().toString()))
                .add("plan", p.doc());
        if (g != null) {
            JsonArrayBuilder sections = Json.createArrayBuilder();
            g.sections().forEach(s -> sections.add(Json.createObjectBuilder().add("id", s.id()).add("title", s.displayTitle())));
            JsonArrayBuilder teachers = Json.createArrayBuilder();
            g.teachers().forEach(t -> teachers.add(Json.createObjectBuilder().add("id", t.id()).add("name", t.name() == null ? "" : t.name())));
            b.add("group", Json.createObjectBuilder().add("id", g.id()).add("name", g.name()).add("live", g.live())
                    .add("sections", sections).add("teachers", teachers));
        }
        return b;
    }

    static JsonObjectBuilder model(PlanModel m) {
        return Json.createObjectBuilder().add("name", m.name()).add("label", m.label()).add("description", m.description());
    }

    static JsonObjectBuilder summary(PlanViews.Summary s) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", s.id()).add("title", s.title()).add("model", s.model().name())
                .add("status", s.status()).add("date", s.date().toString()).add("version", s.version()).add("updatedAt", time(s.updatedAt()));
        if (s.endDate() != null) {
            b.add("endDate", s.endDate().toString());
        }
        if (s.startTime() != null) {
            b.add("startTime", s.startTime());
        }
        if (s.endTime() != null) {
            b.add("endTime", s.endTime());
        }
        if (s.unit() != null) {
            b.add("unit", s.unit());
        }
        return b;
    }

    static JsonObjectBuilder conflict(PlanViews.Conflicted c) {
        JsonArrayBuilder conflicts = Json.createArrayBuilder();
        for (ThreeWayMerge.Conflict x : c.conflicts()) {
            conflicts.add(Json.createObjectBuilder().add("path", x.path()).add("label", x.label())
                    .add("base", orNull(x.base())).add("mine", orNull(x.mine())).add("theirs", orNull(x.theirs())));
        }
        return Json.createObjectBuilder().add("status", 409)
                .add("error", "Someone saved this plan after you opened it and changed some of the same fields differently. "
                        + "Choose a value for each conflict and save again with baseVersion = currentVersion.")
                .add("currentVersion", c.current().version())
                .add("updatedBy", c.current().updatedByName() == null ? JsonValue.NULL : Json.createValue(c.current().updatedByName()))
                .add("merged", c.merged()).add("conflicts", conflicts).add("mergedFrom", strings(c.mergedFrom()));
    }

    static JsonObjectBuilder saved(PlanViews.Saved s, PlanViews.Group g) {
        return plan(s.plan(), g, true).add("saved", Json.createObjectBuilder().add("kind", s.kind()).add("summary", s.summary())
                .add("mergedFrom", strings(s.mergedFrom())));
    }

    static JsonObjectBuilder revision(PlanViews.Revision r) {
        return Json.createObjectBuilder().add("version", r.version()).add("kind", r.kind())
                .add("author", r.authorName() == null ? JsonValue.NULL : Json.createValue(r.authorName()))
                .add("createdAt", time(r.createdAt())).add("summary", r.summary());
    }

    static JsonObjectBuilder revisionDetail(PlanViews.RevisionDetail d) {
        JsonArrayBuilder changes = Json.createArrayBuilder();
        for (PlanDiff.Change c : d.changes()) {
            changes.add(Json.createObjectBuilder().add("path", c.path()).add("label", c.label()).add("kind", c.kind().name())
                    .add("before", orNull(c.before())).add("after", orNull(c.after())));
        }
        return revision(d.revision()).add("previousVersion", d.previousVersion() == null ? JsonValue.NULL : Json.createValue(d.previousVersion()))
                .add("changes", changes).add("plan", d.doc());
    }

    static JsonObjectBuilder comment(PlanViews.Comment c) {
        return Json.createObjectBuilder().add("id", c.id()).add("author", c.authorName() == null ? "" : c.authorName())
                .add("text", c.body()).add("createdAt", time(c.createdAt()));
    }

    private static JsonValue orNull(JsonValue v) {
        return v == null ? JsonValue.NULL : v;
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : t.toString();
    }
}

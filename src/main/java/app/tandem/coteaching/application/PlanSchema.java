package app.tandem.coteaching.application;

import java.util.List;
import java.util.Optional;

/**
 * The shape of a plan document: every field with its label and limits. One description drives validation and
 * the canonical form ({@link PlanDocs}), the labels of diffs and conflicts, and the form parser of the pages.
 * Lists hold objects with a stable {@code id}, so that saves can be merged element by element.
 */
public final class PlanSchema {

    /** A field of an object. */
    public sealed interface Field permits Text, Int, Day, Time, Choice, Ref, ListOf, Obj {
        String key();

        String label();
    }

    /** Free text up to {@code max} characters; {@code multiline} ones keep line breaks. */
    public record Text(String key, String label, int max, boolean required, boolean multiline, boolean url) implements Field {
    }

    /** A whole number in [min, max]; {@code dflt} when empty. */
    public record Int(String key, String label, int min, int max, int dflt) implements Field {
    }

    /** A day, YYYY-MM-DD. */
    public record Day(String key, String label, boolean required) implements Field {
    }

    /** A time of day, HH:MM (24 h). */
    public record Time(String key, String label) implements Field {
    }

    /** One of the co-teaching models. */
    public record Choice(String key, String label) implements Field {
    }

    /** An id of something else (a teacher, a unit, a course-map item): letters, digits, '-' and '_'. */
    public record Ref(String key, String label) implements Field {
    }

    /** A list of objects with a stable id; {@code titleKey} names the field that identifies an element to people. */
    public record ListOf(String key, String label, String elementLabel, int maxItems, String titleKey, List<Field> fields)
            implements Field {
    }

    /** A nested object. */
    public record Obj(String key, String label, List<Field> fields) implements Field {
    }

    public static final int TITLE = 200;
    public static final int NOTES = 4000;
    public static final int LONG = 2000;

    public static final List<Field> PLAN = List.of(
            new Text("title", "Title", TITLE, true, false, false),
            new Day("date", "Date", true),
            new Day("endDate", "Last day", false),
            new Time("startTime", "Start time"),
            new Time("endTime", "End time"),
            new Text("unit", "Unit", TITLE, false, false, false),
            new Ref("unitId", "Course-map unit"),
            new Choice("model", "Co-teaching model"),
            new Int("periodMinutes", "Period length (minutes)", 1, 600, 50),
            new ListOf("roles", "Roles and tasks", "Role", 12, "role", List.of(
                    new Ref("teacher", "Teacher"),
                    new Text("role", "Role", TITLE, false, false, false),
                    new Text("tasks", "Tasks", LONG, false, true, false))),
            new ListOf("activities", "Activities", "Activity", 40, "title", List.of(
                    new Text("title", "Activity", TITLE, false, false, false),
                    new Int("minutes", "Minutes", 0, 600, 0),
                    new Ref("lead", "Led by"),
                    new Text("description", "Description", LONG, false, true, false))),
            new Obj("structure", "Model structure", List.of(
                    new ListOf("stations", "Stations", "Station", 12, "name", List.of(
                            new Text("name", "Station", 100, false, false, false),
                            new Ref("runBy", "Run by"),
                            new Text("activity", "What students do", 1000, false, true, false))),
                    new Int("rotations", "Rotations", 0, 12, 0),
                    new Int("rotationMinutes", "Minutes per rotation", 0, 120, 0),
                    new ListOf("groups", "Parallel groups", "Group", 6, "name", List.of(
                            new Text("name", "Group", 100, false, false, false),
                            new Ref("teacher", "Taught by"),
                            new Text("focus", "Focus", 1000, false, true, false))),
                    new Text("purpose", "Small group's purpose", LONG, false, true, false),
                    new Ref("smallGroupTeacher", "Small group taught by"),
                    new Int("smallGroupMinutes", "Small group minutes", 0, 600, 0),
                    new Ref("observer", "Observer"),
                    new Text("observeFocus", "Observation focus", LONG, false, true, false),
                    new Text("observeData", "Data to collect", LONG, false, true, false),
                    new Ref("assistant", "Assisting teacher"),
                    new Text("assistFocus", "How the assisting teacher helps", LONG, false, true, false),
                    new Text("teamTurns", "How the teachers share the lead", LONG, false, true, false))),
            new ListOf("materials", "Materials", "Material", 40, "title", List.of(
                    new Text("title", "Material", TITLE, false, false, false),
                    new Text("url", "Link", 2000, false, false, true),
                    new Ref("itemId", "Course-map item"))),
            new ListOf("standards", "Standards", "Standard", 40, "code", List.of(
                    new Text("code", "Code", 255, false, false, false),
                    new Text("statement", "Statement", NOTES, false, true, false))),
            new Text("differentiation", "Differentiation", NOTES, false, true, false),
            new Text("accommodations", "Accommodations", NOTES, false, true, false),
            new Text("assessment", "Assessment / check for understanding", NOTES, false, true, false),
            new Text("reflection", "Reflection after the lesson", NOTES, false, true, false),
            new Obj("agenda", "Student agenda", List.of(
                    new Text("iCan", "\u201cI can\u2026\u201d objective", 500, false, false, false),
                    new ListOf("items", "Agenda", "Agenda step", 20, "text", List.of(
                            new Text("text", "Step", 300, false, false, false))),
                    new ListOf("materials", "Student materials", "Student material", 20, "title", List.of(
                            new Text("title", "Material", TITLE, false, false, false),
                            new Text("url", "Link", 2000, false, false, true))))));

    /** The model-specific keys of {@code structure}, per model. */
    public static List<String> structureKeys(PlanModel model) {
        return switch (model) {
            case STATION -> List.of("stations", "rotations", "rotationMinutes");
            case PARALLEL -> List.of("groups");
            case ALTERNATIVE -> List.of("purpose", "smallGroupTeacher", "smallGroupMinutes");
            case ONE_TEACH_ONE_OBSERVE -> List.of("observer", "observeFocus", "observeData");
            case ONE_TEACH_ONE_ASSIST -> List.of("assistant", "assistFocus");
            case TEAM -> List.of("teamTurns");
        };
    }

    private PlanSchema() {
    }

    /** The field at a document path ({@code activities/@id/minutes}), if the schema has one. */
    public static Optional<Field> fieldAt(String path) {
        List<Field> fields = PLAN;
        Field found = null;
        for (String seg : path.split("/")) {
            if (seg.startsWith("@")) {
                if (!(found instanceof ListOf l)) {
                    return Optional.empty();
                }
                fields = l.fields();
                found = null;
                continue;
            }
            if (fields == null) {
                return Optional.empty();
            }
            found = field(fields, seg).orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            fields = found instanceof Obj o ? o.fields() : null;
        }
        return Optional.ofNullable(found);
    }

    public static Optional<Field> field(List<Field> fields, String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }
}

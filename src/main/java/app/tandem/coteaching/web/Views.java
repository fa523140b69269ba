package app.tandem.coteaching.web;

import app.tandem.coteaching.application.Durations;
import app.tandem.coteaching.application.PlanDocs;
import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanViews;
import app.tandem.coteaching.application.Plans;
import app.tandem.coteaching.application.ThreeWayMerge;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** What the plan templates render. */
public final class Views {
    private Views() {
    }

    /** A link group a teacher may copy a plan to. */
    public record Target(String id, String name) {
    }

    /**
     * The plan editor.
     *
     * @param doc         the document shown (the saved one, or the form's unsaved state)
     * @param baseVersion the version the form was opened at (sent back with the save)
     * @param dirty       the form holds unsaved changes
     * @param notice      a status line ("Saved.", "Merged …"), or null
     */
    public record Editor(String ctx, PlanViews.Opened opened, JsonObject doc, long baseVersion, boolean dirty, String notice,
                         Plans.CourseMaps maps, Live live, boolean namesAllowed, List<Target> copyTargets) {
        public String planId() {
            return opened.plan().id();
        }

        public PlanViews.Group group() {
            return opened.group();
        }

        public PlanModel model() {
            return PlanDocs.model(doc);
        }

        public Durations durations() {
            return Durations.of(doc);
        }

        public boolean mayEdit() {
            return opened.mayEdit();
        }

        public boolean published() {
            return opened.plan().published();
        }

        /** Titles of the group's sections whose course maps align the standard. */
        public List<String> alignedIn(String standardId) {
            return maps.alignedIn().getOrDefault(standardId, List.of()).stream().map(s -> opened.group().sectionTitle(s)).toList();
        }

        /** Standards aligned in the group's sections that the plan does not list yet. */
        public List<String[]> alignedNotInPlan() {
            List<String[]> out = new ArrayList<>();
            List<String> inPlan = Docs.list(doc, "standards").stream().map(e -> e.getString("id")).toList();
            for (String id : maps.alignedIn().keySet()) {
                if (!inPlan.contains(id)) {
                    out.add(new String[] {id, maps.alignedCodes().get(id), String.join(", ", alignedIn(id))});
                }
            }
            return out;
        }
    }

    /** The live strip of an open plan: who else is here; a newer version saved while this form has unsaved changes. */
    public record Live(String ctx, String planId, Plans.Live state, String me, long baseVersion, boolean dirty) {
        public long version() {
            return state.version();
        }

        public List<PlanViews.Viewer> others() {
            return state.others();
        }

        public String hash() {
            return Integer.toHexString(String.join(",", state.others().stream().map(PlanViews.Viewer::personId).toList()).hashCode());
        }

        /** Someone else saved a newer version than the one this (unsaved) form started from. */
        public boolean newer() {
            return dirty && state.version() > baseVersion && !me.equals(state.updatedById());
        }
    }

    /** The conflict resolver. */
    public record Conflict(String ctx, String planId, PlanViews.Conflicted conflicted, String myName) {
        public List<ThreeWayMerge.Conflict> conflicts() {
            return conflicted.conflicts();
        }

        public String theirName() {
            String n = conflicted.current().updatedByName();
            return n == null ? "The other teacher" : n;
        }

        public static String text(JsonValue v) {
            return PlanDocs.display(v);
        }

        public static String json(JsonValue v) {
            return v == null ? "null" : v.toString();
        }

        public static boolean isText(ThreeWayMerge.Conflict c) {
            return (c.mine() == null || c.mine() instanceof JsonString) && (c.theirs() == null || c.theirs() instanceof JsonString)
                    && (c.mine() != null || c.theirs() != null);
        }

        /** Both texts, for the "combine" choice. */
        public static String combined(ThreeWayMerge.Conflict c) {
            String t = c.theirs() instanceof JsonString s ? s.getString() : "";
            String m = c.mine() instanceof JsonString s ? s.getString() : "";
            return t.isEmpty() ? m : m.isEmpty() ? t : t + "\n" + m;
        }
    }
}

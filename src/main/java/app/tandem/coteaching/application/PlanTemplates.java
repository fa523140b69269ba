package app.tandem.coteaching.application;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDate;
import java.util.List;

/**
 * Built-in starting documents, one per co-teaching model: the lesson's usual shape (warm-up, the model's core,
 * exit ticket), the model's structure filled in with the group's teachers, and roles for the first two teachers.
 */
public final class PlanTemplates {

    private PlanTemplates() {
    }

    /**
     * @param teacherIds the group's teachers, the creating teacher first (may be empty)
     */
    public static JsonObject starter(PlanModel model, String title, LocalDate date, int periodMinutes, List<String> teacherIds) {
        String t1 = teacherIds.isEmpty() ? "" : teacherIds.get(0);
        String t2 = teacherIds.size() > 1 ? teacherIds.get(1) : "";
        JsonObjectBuilder structure = Json.createObjectBuilder();
        JsonArrayBuilder activities = Json.createArrayBuilder().add(activity("Warm-up", 5, t1, "Review of yesterday's key idea."));
        String leadRole = "Lead teacher";
        String secondRole = "Co-teacher";
        String secondTasks = "";
        int core = Math.max(0, periodMinutes - 10);
        switch (model) {
            case STATION -> {
                int rotation = Math.max(1, core / 3);
                structure.add("stations", Json.createArrayBuilder()
                                .add(element().add("name", "Teacher station A").add("runBy", t1).add("activity", "New content with direct instruction."))
                                .add(element().add("name", "Teacher station B").add("runBy", t2).add("activity", "Guided practice in a small group."))
                                .add(element().add("name", "Independent station").add("runBy", "").add("activity", "Practice or review on their own or in pairs.")))
                        .add("rotations", 3).add("rotationMinutes", Math.min(120, rotation));
                activities.add(activity("Station rotations", Math.min(600, rotation * 3), "ALL", "Three rotations; move on the timer."));
                leadRole = "Runs station A";
                secondRole = "Runs station B";
            }
            case PARALLEL -> {
                structure.add("groups", Json.createArrayBuilder()
                        .add(element().add("name", "Group 1").add("teacher", t1).add("focus", "Same objective, with visual models."))
                        .add(element().add("name", "Group 2").add("teacher", t2).add("focus", "Same objective, with manipulatives.")));
                activities.add(activity("Parallel lesson in two groups", core, "ALL", "Each teacher teaches the same content to half the class."));
                leadRole = "Teaches group 1";
                secondRole = "Teaches group 2";
            }
            case ALTERNATIVE -> {
                int small = Math.min(600, Math.max(1, core / 2));
                structure.add("purpose", "Re-teach the prerequisite skill to students who missed it on yesterday's exit ticket.")
                        .add("smallGroupTeacher", t2).add("smallGroupMinutes", small);
                activities.add(activity("Whole-class lesson and small group", core, "ALL", "The small group meets while the others practise."));
                secondRole = "Teaches the small group";
            }
            case ONE_TEACH_ONE_OBSERVE -> {
                structure.add("observer", t2).add("observeFocus", "How students explain their reasoning to a partner.")
                        .add("observeData", "A tally of explanations that use the unit's vocabulary, by table.");
                activities.add(activity("Mini-lesson and guided practice", core, t1, ""));
                secondRole = "Observer";
                secondTasks = "Collects the agreed data; shares it at the debrief.";
            }
            case ONE_TEACH_ONE_ASSIST -> {
                structure.add("assistant", t2).add("assistFocus", "Circulates during practice and checks in with students who need support first.");
                activities.add(activity("Mini-lesson and practice", core, t1, ""));
                secondRole = "Assisting teacher";
                secondTasks = "Circulates, answers questions, checks work.";
            }
            case TEAM -> {
                structure.add("teamTurns", "The teachers alternate explaining and questioning; they model the discussion students will have.");
                activities.add(activity("Co-taught lesson", core, "ALL", ""));
                leadRole = "Co-lead";
                secondRole = "Co-lead";
            }
            default -> throw new IllegalStateException(model.name());
        }
        activities.add(activity("Exit ticket", 5, t1, "One question on today's objective."));
        JsonArrayBuilder roles = Json.createArrayBuilder().add(element().add("teacher", t1).add("role", leadRole).add("tasks", ""));
        roles.add(element().add("teacher", t2).add("role", secondRole).add("tasks", secondTasks));
        JsonObject agenda = Json.createObjectBuilder().add("iCan", "")
                .add("items", Json.createArrayBuilder().add(element().add("text", "Warm-up")).add(element().add("text", "Today's lesson"))
                        .add(element().add("text", "Exit ticket")))
                .build();
        JsonObject raw = Json.createObjectBuilder()
                .add("title", title).add("date", date.toString()).add("model", model.name()).add("periodMinutes", periodMinutes)
                .add("roles", roles).add("activities", activities).add("structure", structure)
                .add("assessment", "Exit ticket: one question on today's objective.")
                .add("agenda", agenda)
                .build();
        return PlanDocs.canonical(raw);
    }

    private static JsonObjectBuilder element() {
        return Json.createObjectBuilder().add("id", PlanDocs.newElementId());
    }

    private static JsonObjectBuilder activity(String title, int minutes, String lead, String description) {
        return element().add("title", title).add("minutes", minutes).add("lead", lead).add("description", description);
    }
}

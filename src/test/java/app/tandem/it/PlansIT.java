package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Co-teaching plans end to end over HTTP, run inside the server (it writes the link group rows the invitation
 * flow would create). Two teachers of two linked sections save from the same base: merged when they changed
 * different fields, a conflict with both values when they changed the same field, nothing lost; publishing shows
 * the student part to the students of both sections and nothing else; every endpoint refuses teachers of an
 * unlinked section, students, another district's coordinator and requests without a session; bad input is a 4xx.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlansIT {
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("PlansIT");
    private static final PlatformPerJvm OTHER = new PlatformPerJvm("PlansIT-other");
    private static final String DAY = LocalDate.now().plusDays(3).toString();

    /** Sessions of the people in the story, and what the tests create. */
    private static final Map<String, String> SESSIONS = new LinkedHashMap<>();
    private static final SessionHttp TOOL = new SessionHttp(SESSIONS, Duration.ofSeconds(30));
    private static String groupId;
    private static String planId;
    private static String p2SectionId;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(LinkGroups.class, SessionHttp.class);
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        OTHER.close();
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void twoLinkedSectionsAnUnlinkedOneAndAnotherDistrict() {
        TestPlatform a = PLATFORM.get();
        Section p2 = Section.named("Algebra I, period 2 (PlansIT)");
        Section p5 = Section.named("Algebra I, period 5 (PlansIT)");
        Section geo = Section.named("Geometry (PlansIT, not linked)");
        SESSIONS.put("rivera", SessionHttp.launch(a, Person.of("Maria Rivera", p2, INSTRUCTOR)));
        SESSIONS.put("chen", SessionHttp.launch(a, Person.of("David Chen", p5, INSTRUCTOR)));
        SESSIONS.put("lone", SessionHttp.launch(a, Person.of("Pat Lone", geo, INSTRUCTOR)));
        SESSIONS.put("ava", SessionHttp.launch(a, Person.of("Ava Lovelace", p2, LEARNER)));
        SESSIONS.put("ben", SessionHttp.launch(a, Person.of("Ben Okoro", p5, LEARNER)));
        SESSIONS.put("gus", SessionHttp.launch(a, Person.of("Gus Geo", geo, LEARNER)));
        SESSIONS.put("coordinator", SessionHttp.launch(a, Person.of("Grace Coordinator", null, INSTITUTION_ADMIN)));
        TestPlatform b = OTHER.get();
        SESSIONS.put("otherCoordinator", SessionHttp.launch(b, Person.of("Olga Elsewhere", null, INSTITUTION_ADMIN)));
        SESSIONS.put("otherTeacher", SessionHttp.launch(b, Person.of("Omar Elsewhere", Section.named("Algebra I (other district)"), INSTRUCTOR)));

        // before linking: a friendly "link a section first", and no plan can be created
        HttpResponse<String> notLinked = TOOL.get("rivera", "/app/plans");
        assertThat(notLinked.statusCode()).isEqualTo(200);
        assertThat(notLinked.body()).contains("data-testid=\"plans-not-linked\"").contains("Link a section first");
        assertThat(TOOL.send("rivera", "POST", "/api/plans", json(Map.of("model", "STATION", "title", "x", "date", DAY))).statusCode()).isEqualTo(409);

        p2SectionId = LinkGroups.sectionId(a.registrationId(), p2.id());
        groupId = LinkGroups.link(a.districtId(), "Algebra I co-teaching", p2SectionId, LinkGroups.sectionId(a.registrationId(), p5.id()));
        HttpResponse<String> linked = TOOL.get("chen", "/app/plans");
        assertThat(linked.body()).contains("data-testid=\"plan-new\"").contains("Algebra I, period 2 (PlansIT)").contains("Station teaching")
                .contains(PLAN_MODEL_DESCRIPTION);
        assertThat(TOOL.get("lone", "/app/plans").body()).contains("plans-not-linked");
    }

    private static final String PLAN_MODEL_DESCRIPTION = "Students rotate through stations";

    @Test
    @Order(2)
    void aTeacherCreatesAStationPlanFromTheTemplateAndTheCoTeacherOpensIt() {
        HttpResponse<String> created = TOOL.send("rivera", "POST", "/api/plans",
                json(Map.of("model", "STATION", "title", "Unit rates at stations", "date", DAY, "periodMinutes", 50)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject plan = SessionHttp.object(created.body());
        planId = plan.getString("id");
        assertThat(plan.getInt("version")).isEqualTo(1);
        assertThat(plan.getString("status")).isEqualTo("DRAFT");
        assertThat(plan.getJsonObject("model").getString("description")).startsWith(PLAN_MODEL_DESCRIPTION);
        JsonObject doc = plan.getJsonObject("plan");
        assertThat(doc.getJsonObject("structure").getJsonArray("stations")).hasSize(3);
        assertThat(doc.getJsonObject("structure").getInt("rotations")).isEqualTo(3);
        assertThat(plan.getJsonObject("minutes").getInt("period")).isEqualTo(50);
        assertThat(plan.getJsonObject("minutes").getInt("planned")).isLessThanOrEqualTo(50);
        // the roles name both teachers of the group, the creator first
        List<String> teachers = plan.getJsonObject("group").getJsonArray("teachers").stream()
                .map(t -> t.asJsonObject().getString("name")).toList();
        assertThat(teachers).containsExactlyInAnyOrder("Maria Rivera", "David Chen");

        HttpResponse<String> asChen = TOOL.get("chen", "/api/plans/" + planId);
        assertThat(asChen.statusCode()).isEqualTo(200);
        assertThat(SessionHttp.object(asChen.body()).getBoolean("mayEdit")).isTrue();
        HttpResponse<String> page = TOOL.get("chen", "/app/plans/" + planId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"plan-editor\"").contains("Unit rates at stations").contains("Teacher station A")
                .contains("every 5s").contains("planned");
        assertThat(SessionHttp.array(TOOL.get("chen", "/api/plans").body()).stream().map(v -> v.asJsonObject().getString("id"))).contains(planId);
    }

    @Test
    @Order(3)
    void disjointSavesFromTheSameBaseAreMerged() {
        JsonObject base = plan("rivera");
        long v = base.getInt("version");
        JsonObject doc = base.getJsonObject("plan");
        String firstActivity = doc.getJsonArray("activities").getJsonObject(0).getString("id");

        JsonObject mine = with(doc, "title", Json.createValue("Unit rates at three stations"));
        HttpResponse<String> first = save("rivera", v, mine);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(SessionHttp.object(first.body()).getJsonObject("saved").getString("kind")).isEqualTo("SAVE");

        JsonObject theirs = with(with(doc, "differentiation", Json.createValue("Sentence frames at the teacher stations.")),
                "activities/" + firstActivity + "/minutes", Json.createValue(7));
        HttpResponse<String> second = save("chen", v, theirs);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonObject saved = SessionHttp.object(second.body());
        assertThat(saved.getJsonObject("saved").getString("kind")).isEqualTo("MERGE");
        assertThat(saved.getJsonObject("saved").getJsonArray("mergedFrom").toString()).contains("Title");
        JsonObject merged = saved.getJsonObject("plan");
        assertThat(merged.getString("title")).isEqualTo("Unit rates at three stations");
        assertThat(merged.getString("differentiation")).isEqualTo("Sentence frames at the teacher stations.");
        assertThat(merged.getJsonArray("activities").getJsonObject(0).getInt("minutes")).isEqualTo(7);
        assertThat(saved.getInt("version")).isEqualTo(v + 2);

        JsonArray revisions = SessionHttp.array(TOOL.get("rivera", "/api/plans/" + planId + "/revisions").body());
        assertThat(revisions.getJsonObject(0).getString("kind")).isEqualTo("MERGE");
        assertThat(revisions.getJsonObject(0).getString("author")).isEqualTo("David Chen");
        assertThat(revisions.getJsonObject(1).getString("summary")).isEqualTo("Title");
    }

    @Test
    @Order(4)
    void theSameFieldChangedDifferentlyIsAConflictAndNothingIsLost() {
        JsonObject base = plan("chen");
        long v = base.getInt("version");
        JsonObject doc = base.getJsonObject("plan");

        assertThat(save("rivera", v, with(doc, "assessment", Json.createValue("Exit ticket: two unit-rate questions."))).statusCode()).isEqualTo(200);
        JsonObject chens = with(with(doc, "assessment", Json.createValue("Mini whiteboards after each rotation.")),
                "reflection", Json.createValue("Rotation B ran long."));
        HttpResponse<String> refused = save("chen", v, chens);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonObject c = SessionHttp.object(refused.body());
        assertThat(c.getInt("currentVersion")).isEqualTo(v + 1);
        assertThat(c.getJsonArray("conflicts")).hasSize(1);
        JsonObject conflict = c.getJsonArray("conflicts").getJsonObject(0);
        assertThat(conflict.getString("path")).isEqualTo("assessment");
        assertThat(conflict.getString("label")).isEqualTo("Assessment / check for understanding");
        assertThat(conflict.getString("mine")).isEqualTo("Mini whiteboards after each rotation.");
        assertThat(conflict.getString("theirs")).isEqualTo("Exit ticket: two unit-rate questions.");
        // the rest of Chen's save is in the merge, and nothing was stored yet
        assertThat(c.getJsonObject("merged").getString("reflection")).isEqualTo("Rotation B ran long.");
        assertThat(plan("rivera").getInt("version")).isEqualTo(v + 1);
        assertThat(plan("rivera").getJsonObject("plan").getString("reflection")).isEmpty();

        // Chen keeps both texts: saved against the current version, no conflict left
        JsonObject resolved = with(c.getJsonObject("merged"), "assessment",
                Json.createValue("Exit ticket: two unit-rate questions. Mini whiteboards after each rotation."));
        HttpResponse<String> ok = save("chen", c.getInt("currentVersion"), resolved);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonObject now = plan("rivera").getJsonObject("plan");
        assertThat(now.getString("assessment")).contains("Exit ticket").contains("Mini whiteboards");
        assertThat(now.getString("reflection")).isEqualTo("Rotation B ran long.");
        assertThat(now.getString("title")).isEqualTo("Unit rates at three stations");
    }

    @Test
    @Order(5)
    void theEditorShowsTheConflictSideBySideAndSavesThePersonsChoice() {
        JsonObject base = plan("rivera");
        long v = base.getInt("version");
        assertThat(save("chen", v, with(base.getJsonObject("plan"), "accommodations", Json.createValue("Large-print station cards."))).statusCode())
                .isEqualTo(200);

        // Rivera's form was opened at v: she changes the same field and a different one
        HttpResponse<String> form = TOOL.form("rivera", "/app/plans/" + planId, "baseVersion", String.valueOf(v),
                "accommodations", "Audio version of the task cards.", "endTime", "10:45");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("data-testid=\"plan-conflicts\"").contains("Accommodations")
                .contains("Audio version of the task cards.").contains("Large-print station cards.").contains("David Chen");
        assertThat(plan("chen").getJsonObject("plan").getString("accommodations")).isEqualTo("Large-print station cards.");

        Map<String, String> hidden = hiddenFields(form.body());
        HttpResponse<String> chosen = TOOL.form("rivera", "/app/plans/" + planId + "/resolve",
                "currentVersion", hidden.get("currentVersion"), "merged", hidden.get("merged"), "conflicts", hidden.get("conflicts"),
                "path.0", hidden.get("path.0"), "mine.0", hidden.get("mine.0"), "theirs.0", hidden.get("theirs.0"), "pick.0", "mine");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("data-testid=\"plan-editor\"").contains("Saved with your choices");
        JsonObject now = plan("chen").getJsonObject("plan");
        assertThat(now.getString("accommodations")).isEqualTo("Audio version of the task cards.");
        assertThat(now.getString("endTime")).isEqualTo("10:45");
        // both texts stay in the history: Chen's in its revision
        JsonArray revisions = SessionHttp.array(TOOL.get("chen", "/api/plans/" + planId + "/revisions").body());
        assertThat(revisions.getJsonObject(0).getString("kind")).isEqualTo("RESOLVE");
        long chensVersion = revisions.getJsonObject(1).getInt("version");
        assertThat(SessionHttp.object(TOOL.get("chen", "/api/plans/" + planId + "/revisions/" + chensVersion).body()).getJsonObject("plan")
                .getString("accommodations")).isEqualTo("Large-print station cards.");
    }

    @Test
    @Order(6)
    void concurrentSavesOfDifferentFieldsAreAllKept() throws Exception {
        JsonObject base = plan("rivera");
        long v = base.getInt("version");
        JsonObject doc = base.getJsonObject("plan");
        JsonArray activities = doc.getJsonArray("activities");
        ExecutorService pool = Executors.newFixedThreadPool(activities.size());
        try {
            List<Future<HttpResponse<String>>> saves = new ArrayList<>();
            for (int i = 0; i < activities.size(); i++) {
                String who = i % 2 == 0 ? "rivera" : "chen";
                JsonObject edit = with(doc, "activities/" + activities.getJsonObject(i).getString("id") + "/description",
                        Json.createValue("edited by thread " + i));
                Callable<HttpResponse<String>> call = () -> save(who, v, edit);
                saves.add(pool.submit(call));
            }
            for (Future<HttpResponse<String>> f : saves) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        JsonObject after = plan("chen");
        assertThat(after.getInt("version")).isEqualTo(v + activities.size());
        for (int i = 0; i < activities.size(); i++) {
            assertThat(after.getJsonObject("plan").getJsonArray("activities").getJsonObject(i).getString("description"))
                    .isEqualTo("edited by thread " + i);
        }
    }

    @Test
    @Order(7)
    void thePollShowsWhoElseIsHereAndTheOthersSavedChanges() {
        long v = plan("rivera").getInt("version");
        String live = "/app/plans/" + planId + "/live";
        // Chen opens the plan; Rivera's poll then lists him
        HttpResponse<String> chensPoll = TOOL.get("chen", live + "?baseVersion=" + v + "&dirty=0");
        assertThat(chensPoll.statusCode()).isEqualTo(200);
        HttpResponse<String> riverasPoll = TOOL.get("rivera", live + "?baseVersion=" + v + "&dirty=0");
        assertThat(riverasPoll.body()).contains("data-testid=\"plan-viewer\"").contains("David Chen");
        // nothing moved: 204, no body (the page keeps what it shows)
        String url = attribute(riverasPoll.body(), "hx-get").replace("&amp;", "&");
        HttpResponse<String> same = TOOL.get("rivera", url.substring(url.indexOf("/app")) + "&baseVersion=" + v + "&dirty=0");
        assertThat(same.statusCode()).isEqualTo(204);
        assertThat(same.body()).isEmpty();

        // Chen saves; Rivera with unsaved changes sees a notice, Rivera with a clean form gets the new version
        JsonObject doc = plan("chen").getJsonObject("plan");
        assertThat(save("chen", v, with(doc, "title", Json.createValue("Unit rates: stations and a gallery walk"))).statusCode()).isEqualTo(200);
        HttpResponse<String> dirty = TOOL.get("rivera", url.substring(url.indexOf("/app")) + "&baseVersion=" + v + "&dirty=1");
        assertThat(dirty.statusCode()).isEqualTo(200);
        assertThat(dirty.body()).contains("data-testid=\"plan-newer\"").contains("David Chen saved version " + (v + 1));
        assertThat(dirty.headers().firstValue("HX-Retarget")).isEmpty();
        HttpResponse<String> clean = TOOL.get("rivera", url.substring(url.indexOf("/app")) + "&baseVersion=" + v + "&dirty=0");
        assertThat(clean.headers().firstValue("HX-Retarget")).contains("#plan-editor");
        assertThat(clean.body()).contains("data-testid=\"plan-editor\"").contains("Unit rates: stations and a gallery walk")
                .contains("David Chen saved version " + (v + 1));
    }

    @Test
    @Order(8)
    void publishingShowsTheStudentPartToTheStudentsOfBothSectionsAndNothingElse() {
        JsonObject base = plan("rivera");
        JsonObject doc = base.getJsonObject("plan");
        JsonObject agenda = Json.createObjectBuilder().add("iCan", "I can find a unit rate from a table.")
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", "Warm-up: rates in the news"))
                        .add(Json.createObjectBuilder().add("text", "Three stations")))
                .add("materials", Json.createArrayBuilder().add(Json.createObjectBuilder().add("title", "Rate tables").add("url", "https://example.org/rates")))
                .build();
        JsonObject withAgenda = with(with(doc, "agenda", agenda), "differentiation", Json.createValue("Teacher-only note: pre-teach vocabulary."));
        assertThat(save("rivera", base.getInt("version"), withAgenda).statusCode()).isEqualTo(200);

        // a draft shows students nothing
        assertThat(TOOL.get("ava", "/app/agenda").body()).contains("data-testid=\"agenda-empty\"").doesNotContain("unit rate");

        HttpResponse<String> published = TOOL.post("chen", "/api/plans/" + planId + "/publish");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(SessionHttp.object(published.body()).getString("status")).isEqualTo("PUBLISHED");

        for (String student : List.of("ava", "ben")) {
            HttpResponse<String> page = TOOL.get(student, "/app/agenda");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as(student).contains("I can find a unit rate from a table.").contains("Three stations")
                    .contains("https://example.org/rates")
                    .doesNotContain("Teacher-only note").doesNotContain("Unit rates: stations").doesNotContain("Mini whiteboards")
                    .doesNotContain("Teacher station A");
            JsonArray json = SessionHttp.array(TOOL.get(student, "/api/plans/agenda").body());
            assertThat(json).hasSize(1);
            assertThat(json.getJsonObject(0).keySet()).containsExactlyInAnyOrder("date", "endDate", "startTime", "endTime", "iCan", "agenda", "materials");
        }
        assertThat(TOOL.get("gus", "/app/agenda").body()).contains("agenda-empty").doesNotContain("unit rate");

        assertThat(TOOL.post("rivera", "/app/plans/" + planId + "/unpublish").body()).contains("data-published=\"false\"");
        assertThat(TOOL.get("ben", "/app/agenda").body()).contains("agenda-empty").doesNotContain("unit rate");
        assertThat(TOOL.post("rivera", "/app/plans/" + planId + "/publish").body()).contains("data-published=\"true\"");
    }

    @Test
    @Order(9)
    void revisionsShowTheirChangesAndARestoreIsANewRevision() {
        JsonArray revisions = SessionHttp.array(TOOL.get("rivera", "/api/plans/" + planId + "/revisions").body());
        assertThat(revisions.getJsonObject(revisions.size() - 1).getString("kind")).isEqualTo("CREATE");
        long second = revisions.getJsonObject(revisions.size() - 2).getInt("version");
        JsonObject diff = SessionHttp.object(TOOL.get("chen", "/api/plans/" + planId + "/revisions/" + second).body());
        assertThat(diff.getJsonArray("changes")).singleElement().satisfies(c -> {
            assertThat(c.asJsonObject().getString("label")).isEqualTo("Title");
            assertThat(c.asJsonObject().getString("before")).isEqualTo("Unit rates at stations");
            assertThat(c.asJsonObject().getString("after")).isEqualTo("Unit rates at three stations");
        });
        assertThat(TOOL.get("chen", "/app/plans/" + planId + "/revisions/" + second).body()).contains("data-testid=\"plan-change\"")
                .contains("Unit rates at stations");
        assertThat(TOOL.get("chen", "/app/plans/" + planId + "/revisions").body()).contains("data-testid=\"plan-restore\"");

        long before = plan("rivera").getInt("version");
        HttpResponse<String> restored = TOOL.post("chen", "/api/plans/" + planId + "/revisions/" + second + "/restore");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        JsonObject now = SessionHttp.object(restored.body());
        assertThat(now.getInt("version")).isEqualTo(before + 1);
        assertThat(now.getJsonObject("plan").getString("title")).isEqualTo("Unit rates at three stations");
        assertThat(now.getJsonObject("saved").getString("kind")).isEqualTo("RESTORE");
        assertThat(SessionHttp.array(TOOL.get("rivera", "/api/plans/" + planId + "/revisions").body()).getJsonObject(0).getString("summary"))
                .startsWith("Restored version " + second);
    }

    @Test
    @Order(10)
    void commentsAndCopies() {
        HttpResponse<String> c = TOOL.send("chen", "POST", "/api/plans/" + planId + "/comments", json(Map.of("text", "Can you run station B?")));
        assertThat(c.statusCode()).isEqualTo(201);
        HttpResponse<String> page = TOOL.form("rivera", "/app/plans/" + planId + "/comments", "text", "Yes, I will bring the cards.");
        assertThat(page.body()).contains("Can you run station B?").contains("I will bring the cards").contains("Comments (2)");
        assertThat(SessionHttp.array(TOOL.get("rivera", "/api/plans/" + planId + "/comments").body())).hasSize(2);
        assertThat(TOOL.send("rivera", "POST", "/api/plans/" + planId + "/comments", json(Map.of("text", " "))).statusCode()).isEqualTo(400);

        String nextWeek = LocalDate.parse(DAY).plusDays(7).toString();
        HttpResponse<String> copy = TOOL.send("rivera", "POST", "/api/plans/" + planId + "/copy", json(Map.of("date", nextWeek)));
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
        JsonObject copied = SessionHttp.object(copy.body());
        assertThat(copied.getString("id")).isNotEqualTo(planId);
        assertThat(copied.getString("status")).isEqualTo("DRAFT");
        assertThat(copied.getJsonObject("plan").getString("date")).isEqualTo(nextWeek);
        assertThat(copied.getJsonObject("plan").getString("title")).isEqualTo(plan("rivera").getJsonObject("plan").getString("title"));
        // another group the teacher is not in: not found
        assertThat(TOOL.send("rivera", "POST", "/api/plans/" + planId + "/copy", json(Map.of("groupId", "no-such-group"))).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(11)
    void studentNamesAreRefusedInNotes() {
        JsonObject base = plan("rivera");
        HttpResponse<String> r = save("rivera", base.getInt("version"),
                with(base.getJsonObject("plan"), "differentiation", Json.createValue("Seat Ava near the board.")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SessionHttp.object(r.body()).getString("error")).contains("names a student").contains("Ava");
        HttpResponse<String> agenda = save("rivera", base.getInt("version"),
                with(base.getJsonObject("plan"), "agenda/iCan", Json.createValue("Ben Okoro can explain rates")));
        assertThat(agenda.statusCode()).isEqualTo(400);
        assertThat(plan("rivera").getInt("version")).isEqualTo(base.getInt("version"));
    }

    @Test
    @Order(12)
    void badInputIsA4xxNamingTheProblem() {
        JsonObject base = plan("rivera");
        long v = base.getInt("version");
        JsonObject doc = base.getJsonObject("plan");
        String activity = doc.getJsonArray("activities").getJsonObject(0).getString("id");

        HttpResponse<String> model = TOOL.send("rivera", "POST", "/api/plans", json(Map.of("model", "LECTURE", "title", "x", "date", DAY)));
        assertThat(model.statusCode()).isEqualTo(400);
        assertThat(SessionHttp.object(model.body()).getString("error")).contains("Unknown co-teaching model");
        assertThat(save("rivera", v, with(doc, "model", Json.createValue("LECTURE"))).statusCode()).isEqualTo(400);

        HttpResponse<String> minutes = save("rivera", v, with(doc, "activities/" + activity + "/minutes", Json.createValue("ten")));
        assertThat(minutes.statusCode()).isEqualTo(400);
        assertThat(SessionHttp.object(minutes.body()).getString("error")).contains("Minutes must be a whole number");
        HttpResponse<String> formMinutes = TOOL.form("rivera", "/app/plans/" + planId, "baseVersion", String.valueOf(v),
                "activities/@" + activity + "/minutes", "ten");
        assertThat(formMinutes.statusCode()).isEqualTo(400);
        assertThat(formMinutes.headers().firstValue("HX-Retarget")).contains("#plan-problems");
        assertThat(formMinutes.body()).contains("data-testid=\"plan-problem\"").contains("whole number");

        HttpResponse<String> big = save("rivera", v, with(doc, "differentiation", Json.createValue("x".repeat(4001))));
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(SessionHttp.object(big.body()).getString("error")).contains("longer than 4000");
        HttpResponse<String> huge = TOOL.send("rivera", "PUT", "/api/plans/" + planId,
                "{\"baseVersion\":" + v + ",\"plan\":{\"title\":\"" + "y".repeat(70_000) + "\"}}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(TOOL.send("rivera", "PUT", "/api/plans/" + planId, "{\"plan\":{}}").statusCode()).isEqualTo(400);
        assertThat(save("rivera", 999, doc).statusCode()).isEqualTo(400);
        assertThat(TOOL.send("rivera", "PUT", "/api/plans/" + planId, "not json").statusCode()).isEqualTo(400);
        assertThat(save("rivera", v, with(doc, "standards", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "00000000-0000-4000-8000-000000000000")).build())).statusCode()).isEqualTo(400);
        assertThat(save("rivera", v, with(doc, "materials", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("title", "x").add("url", "javascript:alert(1)")).build())).statusCode()).isEqualTo(400);
        assertThat(TOOL.form("rivera", "/app/plans/" + planId + "/form", "baseVersion", String.valueOf(v), "op", "add:nothing").statusCode())
                .isEqualTo(400);
        assertThat(plan("rivera").getInt("version")).isEqualTo(v);
    }

    @Test
    @Order(13)
    void everyEndpointRefusesWhoeverIsNotATeacherOfTheGroup() {
        String p = "/api/plans/" + planId;
        String a = "/app/plans/" + planId;
        String save = "{\"baseVersion\":1,\"plan\":{}}";
        List<String[]> endpoints = List.of(
                new String[] {"GET", p, null}, new String[] {"PUT", p, save}, new String[] {"POST", p + "/publish", null},
                new String[] {"POST", p + "/unpublish", null}, new String[] {"GET", p + "/revisions", null},
                new String[] {"GET", p + "/revisions/1", null}, new String[] {"POST", p + "/revisions/1/restore", null},
                new String[] {"GET", p + "/comments", null}, new String[] {"POST", p + "/comments", "{\"text\":\"hi\"}"},
                new String[] {"POST", p + "/copy", "{}"},
                new String[] {"GET", a, null}, new String[] {"GET", a + "/editor", null}, new String[] {"POST", a, "baseVersion=1"},
                new String[] {"POST", a + "/form", "baseVersion=1"}, new String[] {"POST", a + "/resolve", "currentVersion=1&merged=%7B%7D&conflicts=0"},
                new String[] {"GET", a + "/live", null}, new String[] {"POST", a + "/publish", null}, new String[] {"POST", a + "/unpublish", null},
                new String[] {"POST", a + "/copy", "date=" + DAY}, new String[] {"GET", a + "/revisions", null},
                new String[] {"GET", a + "/revisions/1", null}, new String[] {"POST", a + "/revisions/1/restore", null},
                new String[] {"GET", a + "/comments", null}, new String[] {"POST", a + "/comments", "text=hi"},
                new String[] {"GET", a + "/standards?stdq=rate", null});
        long version = plan("rivera").getInt("version");
        for (String[] e : endpoints) {
            for (String who : List.of("lone", "ava", "ben", "otherCoordinator", "otherTeacher")) {
                HttpResponse<String> r = call(who, e);
                // the live strip's poll is told to stop (286) where others get 403/404
                assertThat(r.statusCode()).as(who + " " + e[0] + " " + e[1] + ": " + r.body()).isIn(403, 404, e[1].endsWith("/live") ? 286 : 404);
                assertThat(r.body()).as(who + " " + e[1]).doesNotContain("Unit rates");
            }
            HttpResponse<String> anonymous = call(null, e);
            assertThat(anonymous.statusCode()).as("no session " + e[0] + " " + e[1]).isIn(401, 286);
            boolean read = e[0].equals("GET");
            HttpResponse<String> coordinator = call("coordinator", e);
            if (read) {
                assertThat(coordinator.statusCode()).as("coordinator " + e[1]).isIn(200, 204);
            } else {
                assertThat(coordinator.statusCode()).as("coordinator " + e[0] + " " + e[1]).isIn(403, 404);
            }
        }
        assertThat(plan("rivera").getInt("version")).as("nothing changed").isEqualTo(version);
        assertThat(SessionHttp.array(TOOL.get("rivera", "/api/plans/" + planId + "/comments").body())).hasSize(2);
        // lists: students have none, another district's coordinator does not see this district's plans
        assertThat(TOOL.get("ava", "/api/plans").statusCode()).isIn(403, 404);
        assertThat(TOOL.get("otherCoordinator", "/api/plans").body()).doesNotContain(planId);
        assertThat(TOOL.get("coordinator", "/api/plans").body()).contains(planId);
        assertThat(TOOL.get("otherTeacher", "/api/plans?groupId=" + groupId).statusCode()).isEqualTo(404);
        assertThat(TOOL.get(null, "/api/plans").statusCode()).isEqualTo(401);
        assertThat(TOOL.get(null, "/app/agenda").statusCode()).isEqualTo(401);
        assertThat(TOOL.get("ava", "/app/plans").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(14)
    void standardsComeFromTheDistrictsEnabledFrameworksAndTheGroupsCourseMaps() {
        String doc = UUID.randomUUID().toString();
        String[] items = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        String cfPackage = "{\"CFDocument\":{\"identifier\":\"" + doc + "\",\"title\":\"PlansIT rates\",\"creator\":\"PlansIT\"},\"CFItems\":["
                + "{\"identifier\":\"" + items[0] + "\",\"humanCodingScheme\":\"PIT.RP.1\",\"fullStatement\":\"Find a unit rate from a table of values.\"},"
                + "{\"identifier\":\"" + items[1] + "\",\"humanCodingScheme\":\"PIT.RP.2\",\"fullStatement\":\"Compare two rates given in different forms.\"}],"
                + "\"CFAssociations\":[]}";
        HttpResponse<String> started = TOOL.send("coordinator", "POST", "/api/standards/imports?name=plansit.json", cfPackage);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonObject job = awaitJob(SessionHttp.object(started.body()).getString("id"));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        String framework = job.getString("frameworkId");

        String search = "/app/plans/" + planId + "/standards?stdq=PIT.RP.1";
        assertThat(TOOL.get("rivera", search).body()).as("not enabled yet").contains("No standard in your district").doesNotContain("addstd:");
        HttpResponse<String> enabled = TOOL.send("coordinator", "PUT", "/api/standards/frameworks/" + framework + "/enablement", "{\"enabled\":true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        String hits = awaitBody("rivera", search, "addstd:");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("value=\"addstd:([^\"]+)\"").matcher(hits);
        assertThat(m.find()).isTrue();
        String standardId = m.group(1);
        assertThat(hits).contains("PIT.RP.1").contains("Find a unit rate");

        // aligned on period 2's course map: offered "from your group's course maps", with the section named
        String[] unitAndItem = LinkGroups.alignedItem(p2SectionId, PLATFORM.get().districtId(), standardId, framework, "PIT.RP.1");
        long v = plan("rivera").getInt("version");
        HttpResponse<String> editor = TOOL.get("chen", "/app/plans/" + planId + "/editor");
        assertThat(editor.body()).contains("data-testid=\"plan-aligned\"").contains("addstd:" + standardId)
                .contains("aligned in Algebra I, period 2 (PlansIT)");

        // Add (re-renders the unsaved form), then save: code and statement come from the library
        HttpResponse<String> added = TOOL.form("chen", "/app/plans/" + planId + "/form", "baseVersion", String.valueOf(v), "op", "addstd:" + standardId);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("name=\"standards/@" + standardId + "/code\"").contains("id=\"plan-dirty\" name=\"dirty\" value=\"1\"");
        Map<String, String> fields = hiddenFields(added.body());
        HttpResponse<String> saved = TOOL.form("chen", "/app/plans/" + planId, "baseVersion", String.valueOf(v),
                "order:standards", fields.get("order:standards"), "standards/@" + standardId + "/code", "PIT.RP.1",
                "unitId", unitAndItem[0], "order:materials", "m1", "materials/@m1/itemId", unitAndItem[1]);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("aligned in").contains("Algebra I, period 2 (PlansIT)");
        JsonObject now = plan("rivera").getJsonObject("plan");
        assertThat(now.getJsonArray("standards")).singleElement().satisfies(s -> {
            assertThat(s.asJsonObject().getString("code")).isEqualTo("PIT.RP.1");
            assertThat(s.asJsonObject().getString("statement")).isEqualTo("Find a unit rate from a table of values.");
        });
        assertThat(now.getString("unit")).isEqualTo("Ratios and rates");
        assertThat(now.getJsonArray("materials").getJsonObject(0).getString("title")).isEqualTo("Rate tables worksheet");
        assertThat(now.getJsonArray("materials").getJsonObject(0).getString("url")).isEqualTo("https://example.org/worksheet");
        // a course-map item of a section outside the group is refused
        assertThat(save("rivera", plan("rivera").getInt("version"), with(now, "unitId", Json.createValue(UUID.randomUUID().toString())))
                .statusCode()).isEqualTo(400);
    }

    private static JsonObject awaitJob(String id) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonObject job = SessionHttp.object(TOOL.get("coordinator", "/api/standards/imports/" + id).body());
            if (List.of("SUCCEEDED", "FAILED").contains(job.getString("status")) || System.currentTimeMillis() > deadline) {
                return job;
            }
            pause();
        }
    }

    /** The body of a GET once it contains the text (the search index follows an enablement asynchronously, if at all). */
    private static String awaitBody(String who, String path, String text) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            String body = TOOL.get(who, path).body();
            if (body.contains(text) || System.currentTimeMillis() > deadline) {
                return body;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP

    private static HttpResponse<String> call(String who, String[] e) {
        if (e[2] == null) {
            return e[0].equals("GET") ? TOOL.get(who, e[1]) : TOOL.post(who, e[1]);
        }
        boolean form = e[1].startsWith("/app");
        return TOOL.raw(who, e[0], e[1], form ? "application/x-www-form-urlencoded" : "application/json", e[2]);
    }

    private static JsonObject plan(String who) {
        HttpResponse<String> r = TOOL.get(who, "/api/plans/" + planId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return SessionHttp.object(r.body());
    }

    private static HttpResponse<String> save(String who, long baseVersion, JsonObject doc) {
        return TOOL.send(who, "PUT", "/api/plans/" + planId, Json.createObjectBuilder().add("baseVersion", baseVersion).add("plan", doc).build().toString());
    }

    /** A copy of a plan document with one value replaced; list elements are named by id ("activities/ID/minutes"). */
    private static JsonObject with(JsonObject doc, String path, JsonValue value) {
        String[] parts = path.split("/", 2);
        if (parts.length == 1) {
            return Json.createObjectBuilder(doc).add(path, value).build();
        }
        JsonValue child = doc.get(parts[0]);
        if (child.getValueType() == JsonValue.ValueType.OBJECT) {
            return Json.createObjectBuilder(doc).add(parts[0], with(child.asJsonObject(), parts[1], value)).build();
        }
        String[] rest = parts[1].split("/", 2);
        var list = Json.createArrayBuilder();
        for (JsonValue e : child.asJsonArray()) {
            list.add(e.asJsonObject().getString("id").equals(rest[0]) ? with(e.asJsonObject(), rest[1], value) : e);
        }
        return Json.createObjectBuilder(doc).add(parts[0], list).build();
    }

    private static String json(Map<String, Object> fields) {
        var b = Json.createObjectBuilder();
        fields.forEach((k, v) -> {
            if (v instanceof Integer i) {
                b.add(k, i);
            } else {
                b.add(k, String.valueOf(v));
            }
        });
        return b.build().toString();
    }

    private static String attribute(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(name + " in " + html).isTrue();
        return m.group(1);
    }

    /** Hidden inputs of a page, unescaped (name → value). */
    private static Map<String, String> hiddenFields(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}

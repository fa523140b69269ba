package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanTx.Actor;
import app.tandem.coteaching.application.PlanViews.AgendaEntry;
import app.tandem.coteaching.application.PlanViews.Comment;
import app.tandem.coteaching.application.PlanViews.Opened;
import app.tandem.coteaching.application.PlanViews.Outcome;
import app.tandem.coteaching.application.PlanViews.Plan;
import app.tandem.coteaching.application.PlanViews.Revision;
import app.tandem.coteaching.application.PlanViews.RevisionDetail;
import app.tandem.coteaching.application.PlanViews.Saved;
import app.tandem.coteaching.application.PlanViews.Summary;
import app.tandem.coteaching.application.PlanViews.Viewer;
import app.tandem.coteaching.domain.GroupStore;
import app.tandem.coteaching.domain.PresenceStore;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Co-teaching plans for pages and the API: every call authorizes the launch first (see {@link PlanAccess}), then
 * works through {@link PlanTx}. Saves carry the version they started from; a save that raced another one is
 * retried and merged (three-way, {@link ThreeWayMerge}), and only true conflicts come back to the person.
 */
@ApplicationScoped
public class Plans {
    /** How long a viewer counts as present after their last poll. */
    public static final int PRESENCE_SECONDS = 20;
    private static final int ATTEMPTS = 4;

    @Inject
    PlanTx tx;

    @Inject
    PlanAccess access;

    @Inject
    GroupStore groups;

    @Inject
    PresenceStore presence;

    @Inject
    PlanChecks checks;

    private volatile OffsetDateTime lastPurge = OffsetDateTime.MIN;

    // ---- reading

    /** The launch section's link group (teachers), or empty when the section is not linked yet. */
    public java.util.Optional<PlanViews.Group> launchGroup(LaunchContext launch) {
        return access.launchGroup(launch).map(access::describe);
    }

    /** The live groups of every section the teacher teaches (copy targets). */
    public List<PlanViews.Group> groupsTaughtBy(LaunchContext launch) {
        return access.groupsTaughtBy(launch).stream().map(access::describe).toList();
    }

    /** Plans of a group the teacher belongs to from a day on; for coordinators, plans of the whole district. */
    public List<Summary> list(LaunchContext launch, String groupId, LocalDate from) {
        LocalDate since = from == null ? today().minusDays(7) : from;
        if (groupId == null && launch.is(AppRole.COORDINATOR) && !launch.is(AppRole.TEACHER)) {
            return tx.listDistrict(launch.districtId(), since, 500);
        }
        if (groupId == null) {
            GroupStore.Group g = access.launchGroup(launch).orElseThrow(() -> new InvalidRequestException(404,
                    "This section is not linked to another section yet: link a section first.", Map.of("group", "not-linked")));
            return tx.list(g.id(), since, 500);
        }
        GroupStore.Group g = groups.group(groupId).orElse(null);
        if (g != null && access.teaches(launch, g) || g != null && launch.is(AppRole.COORDINATOR) && g.districtId().equals(launch.districtId())) {
            return tx.list(g.id(), since, 500);
        }
        throw new InvalidRequestException(404, "There is no such link group among your sections.", Map.of("groupId", "unknown"));
    }

    /** A plan the launch may read; 404 for everyone else. */
    public Opened open(LaunchContext launch, String planId) {
        Plan plan = tx.find(planId).filter(p -> p.districtId().equals(launch.districtId())).orElseThrow(Plans::noSuchPlan);
        GroupStore.Group g = groups.group(plan.groupId()).orElseThrow(Plans::noSuchPlan);
        if (access.teaches(launch, g)) {
            return new Opened(plan, access.describe(g), g.live());
        }
        if (launch.is(AppRole.COORDINATOR)) {
            return new Opened(plan, access.describe(g), false);
        }
        throw noSuchPlan();
    }

    /** As {@link #open}, for the teachers who may change it (403 for coordinators, 409 for dissolved groups). */
    private GroupStore.Group editable(LaunchContext launch, String planId) {
        Plan plan = tx.find(planId).filter(p -> p.districtId().equals(launch.districtId())).orElseThrow(Plans::noSuchPlan);
        GroupStore.Group g = groups.group(plan.groupId()).orElseThrow(Plans::noSuchPlan);
        if (!access.teaches(launch, g)) {
            if (launch.is(AppRole.COORDINATOR)) {
                throw new InvalidRequestException(403, "Coordinators can read co-teaching plans but not change them.", Map.of("role", "coordinator"));
            }
            throw noSuchPlan();
        }
        if (!g.live()) {
            throw new InvalidRequestException(409, "This link group was dissolved: its plans can be read but not changed.", Map.of("group", "dissolved"));
        }
        return g;
    }

    private static InvalidRequestException noSuchPlan() {
        return new InvalidRequestException(404, "There is no such plan among your link groups.", Map.of("plan", "unknown"));
    }

    public List<Revision> revisions(LaunchContext launch, String planId) {
        open(launch, planId);
        return tx.revisions(planId, 500);
    }

    public RevisionDetail revision(LaunchContext launch, String planId, long version) {
        open(launch, planId);
        return tx.revision(planId, version);
    }

    public List<Comment> comments(LaunchContext launch, String planId) {
        open(launch, planId);
        return tx.comments(planId, 500);
    }

    // ---- changing

    /** A new draft from a whole document in a group the teacher belongs to (the launch section's by default). */
    public Plan create(LaunchContext launch, String groupId, JsonObject doc) {
        GroupStore.Group g = planningGroup(launch, groupId);
        return tx.create(g, checks.check(g, PlanDocs.canonical(doc)), actor(launch), "CREATE", "Created the plan");
    }

    /** A new draft from the model's template, with the group's teachers in its roles (the launch's person first). */
    public Plan createFromTemplate(LaunchContext launch, String groupId, PlanModel model, String title, LocalDate date, int periodMinutes) {
        GroupStore.Group g = planningGroup(launch, groupId);
        if (date == null) {
            throw new InvalidRequestException("Date is required.", Map.of("date", "required"));
        }
        if (periodMinutes < 1 || periodMinutes > 600) {
            throw new InvalidRequestException("Period length (minutes) must be between 1 and 600.", Map.of("periodMinutes", "out of range"));
        }
        List<String> teachers = new ArrayList<>();
        teachers.add(launch.personId());
        access.describe(g).teachers().stream().map(Sections.Person::id).filter(id -> !id.equals(launch.personId())).forEach(teachers::add);
        JsonObject doc = PlanTemplates.starter(model, title == null ? "" : title.strip(), date, periodMinutes, teachers);
        return tx.create(g, checks.check(g, doc), actor(launch), "CREATE", "Created the plan from the " + model.label().toLowerCase(java.util.Locale.ROOT) + " template");
    }

    private GroupStore.Group planningGroup(LaunchContext launch, String groupId) {
        access.requireTeacher(launch);
        return groupId == null
                ? access.launchGroup(launch).orElseThrow(() -> new InvalidRequestException(409,
                        "This section is not linked to another section yet: link a section first, then plan together.", Map.of("group", "not-linked")))
                : access.teacherGroup(launch, groupId);
    }

    /** Saves a document edited from {@code baseVersion}: stored, merged, or conflicts to resolve. */
    public Outcome save(LaunchContext launch, String planId, long baseVersion, JsonObject doc, String kind) {
        GroupStore.Group g = editable(launch, planId);
        JsonObject canonical = PlanDocs.canonical(doc);
        JsonObject current = tx.find(planId).orElseThrow(Plans::noSuchPlan).doc();
        JsonObject checked = checks.check(g, canonical, current, tx.snapshotOf(planId, baseVersion).orElse(null));
        return retrying(() -> tx.save(planId, baseVersion, checked, actor(launch), kind));
    }

    public Saved restore(LaunchContext launch, String planId, long version) {
        editable(launch, planId);
        return retrying(() -> tx.restore(planId, version, actor(launch)));
    }

    public Plan publish(LaunchContext launch, String planId, boolean publish) {
        editable(launch, planId);
        return retrying(() -> tx.publish(planId, publish, actor(launch)));
    }

    public Comment comment(LaunchContext launch, String planId, String text) {
        editable(launch, planId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new InvalidRequestException("Write a comment first.", Map.of("text", "required"));
        }
        if (body.length() > 4000) {
            throw new InvalidRequestException("A comment is at most 4000 characters.", Map.of("text", "too long"));
        }
        return tx.comment(planId, body, actor(launch));
    }

    /** Copies a plan to another day and/or another group the teacher belongs to, as a new draft. */
    public Plan copy(LaunchContext launch, String planId, LocalDate date, String targetGroupId) {
        Opened from = open(launch, planId);
        access.requireTeacher(launch);
        if (!from.mayEdit() && !access.teaches(launch, groups.group(from.plan().groupId()).orElseThrow(Plans::noSuchPlan))) {
            throw noSuchPlan();
        }
        GroupStore.Group target = access.teacherGroup(launch, targetGroupId == null || targetGroupId.isBlank() ? from.plan().groupId() : targetGroupId);
        JsonObject doc = from.plan().doc();
        LocalDate oldDate = from.plan().date();
        LocalDate newDate = date == null ? oldDate : date;
        JsonObjectBuilder b = Json.createObjectBuilder(doc).add("date", newDate.toString());
        if (!doc.getString("endDate").isEmpty()) {
            b.add("endDate", LocalDate.parse(doc.getString("endDate")).plusDays(ChronoUnit.DAYS.between(oldDate, newDate)).toString());
        }
        if (!target.id().equals(from.plan().groupId())) {
            // course-map references of the old group's sections do not carry over; the material's title and link do
            b.add("unitId", "");
            var materials = Json.createArrayBuilder();
            doc.getJsonArray("materials").forEach(m -> materials.add(Json.createObjectBuilder(m.asJsonObject()).add("itemId", "")));
            b.add("materials", materials);
        }
        String summary = "Copied from \u201c" + from.plan().title() + "\u201d (" + oldDate + ")";
        return tx.create(target, checks.check(target, PlanDocs.canonical(b.build()), doc), actor(launch), "COPY", summary);
    }

    // ---- working together

    /**
     * The live state of a plan for its poll: records that the person has it open and answers its version and who
     * else has it open.
     */
    public record Live(long version, String updatedByName, String updatedById, List<Viewer> others, long comments) {
    }

    public Live live(LaunchContext launch, String planId) {
        Object[] head = tx.head(planId).orElseThrow(Plans::noSuchPlan);
        GroupStore.Group g = groups.group((String) head[0]).orElseThrow(Plans::noSuchPlan);
        boolean mayRead = head[1].equals(launch.districtId()) && (access.teaches(launch, g) || launch.is(AppRole.COORDINATOR));
        if (!mayRead) {
            throw noSuchPlan();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        presence.touch(planId, launch.personId(), launch.personName(), now);
        if (lastPurge.isBefore(now.minusMinutes(10))) {
            lastPurge = now;
            presence.purge(now.minusHours(1));
        }
        List<Viewer> others = presence.viewers(planId, now.minusSeconds(PRESENCE_SECONDS)).stream()
                .filter(v -> !v.personId().equals(launch.personId()))
                .map(v -> new Viewer(v.personId(), v.name(), v.lastSeen())).toList();
        return new Live(((Number) head[2]).longValue(), (String) head[3], (String) head[4], others, tx.commentCount(planId));
    }

    public void leave(LaunchContext launch, String planId) {
        open(launch, planId);
        presence.leave(planId, launch.personId());
    }

    // ---- students

    /** The published agendas of the launch section's group from yesterday on: only the student part of each plan. */
    public List<AgendaEntry> agenda(LaunchContext launch) {
        if (launch.sectionId() == null) {
            return List.of();
        }
        if (!launch.is(AppRole.STUDENT) && !launch.is(AppRole.TEACHER)) {
            throw new InvalidRequestException(403, "The agenda is for the course's students.", Map.of("role", "student"));
        }
        GroupStore.Group g = groups.liveGroupOf(launch.sectionId()).orElse(null);
        if (g == null || !g.districtId().equals(launch.districtId())) {
            return List.of();
        }
        List<AgendaEntry> out = new ArrayList<>();
        for (Plan p : tx.published(g.id(), today().minusDays(1), 20)) {
            JsonObject doc = p.doc();
            JsonObject agenda = doc.getJsonObject("agenda");
            List<String> steps = agenda.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("text")).toList();
            List<Map<String, String>> materials = new ArrayList<>();
            for (JsonValue v : agenda.getJsonArray("materials")) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("title", v.asJsonObject().getString("title"));
                m.put("url", v.asJsonObject().getString("url"));
                materials.add(m);
            }
            out.add(new AgendaEntry(p.id(), p.date(), doc.getString("endDate").isEmpty() ? null : LocalDate.parse(doc.getString("endDate")),
                    doc.getString("startTime"), doc.getString("endTime"), agenda.getString("iCan"), steps, materials));
        }
        return out;
    }

    // ---- editor helpers

    /** Course-map units, items and aligned standards of the group's sections, for the editor's pickers. */
    public record CourseMaps(List<GroupStore.Unit> units, List<GroupStore.Item> items, Map<String, List<String>> alignedIn,
                             Map<String, String> alignedCodes) {
    }

    public CourseMaps courseMaps(PlanViews.Group g) {
        Map<String, List<String>> alignedIn = new LinkedHashMap<>();
        Map<String, String> codes = new HashMap<>();
        for (GroupStore.Aligned a : groups.alignments(g.sectionIds())) {
            List<String> in = alignedIn.computeIfAbsent(a.standardId(), k -> new ArrayList<>());
            if (!in.contains(a.sectionId())) {
                in.add(a.sectionId());
            }
            codes.putIfAbsent(a.standardId(), a.code() == null ? a.standardId() : a.code());
        }
        return new CourseMaps(groups.units(g.sectionIds()), groups.items(g.sectionIds()), alignedIn, codes);
    }

    public boolean studentNamesAllowed(String districtId) {
        return checks.studentNamesAllowed(districtId);
    }

    static Actor actor(LaunchContext launch) {
        return new Actor(launch.personId(), launch.personName() == null || launch.personName().isBlank() ? "A teacher" : launch.personName());
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Runs a plan transaction again when it lost a race with another save (optimistic locking). */
    private static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PersistenceException | TransactionalException e) {
                if (attempt >= ATTEMPTS) {
                    throw new InvalidRequestException(409, "Several teachers saved this plan at the same moment. Please save again.",
                            Map.of("plan", "busy"));
                }
            }
        }
    }
}

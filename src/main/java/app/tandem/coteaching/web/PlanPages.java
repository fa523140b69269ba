package app.tandem.coteaching.web;

import app.tandem.common.HtmlFragments;
import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanChecks;
import app.tandem.coteaching.application.PlanDocs;
import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanViews;
import app.tandem.coteaching.application.Plans;
import app.tandem.coteaching.application.ThreeWayMerge;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.StandardsService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The co-teaching plan pages: htmx fragments swapped into the launch page. The list for the launch section's link
 * group (teacher home), a new plan from a model's template, the editor (model-specific sections, activities timed
 * against the period, materials, standards, notes, the student agenda), saves that merge with newer saves or show
 * the conflict resolver, revisions with diffs and restore, comments, and a live strip that polls every 5 s.
 */
@Path("app/plans")
@RequestScoped
public class PlanPages {
    @Inject
    PlanRequests requests;

    @Inject
    Plans plans;

    @Inject
    PlanChecks checks;

    @Inject
    StandardsService standards;

    @GET
    public Response list() {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            if (!launch.is(AppRole.TEACHER)) {
                throw new InvalidRequestException(403, "Co-teaching plans are for the teachers of linked sections.", Map.of("role", "teacher"));
            }
            Map<String, Object> m = new HashMap<>();
            PlanViews.Group group = plans.launchGroup(launch).orElse(null);
            m.put("group", group);
            m.put("plans", group == null ? List.of() : plans.list(launch, group.id(), LocalDate.now(ZoneOffset.UTC).minusDays(7)));
            m.put("today", LocalDate.now(ZoneOffset.UTC).toString());
            return render("coteaching/plans.jte", m);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("model") String model, @FormParam("title") String title, @FormParam("date") String date,
                           @FormParam("periodMinutes") String period) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanModel m = PlanModel.parse(model).orElseThrow(() -> new InvalidRequestException("Choose a co-teaching model.", Map.of("model", "unknown")));
            int minutes;
            try {
                minutes = period == null || period.isBlank() ? 50 : Integer.parseInt(period.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Period length (minutes) must be a whole number.", Map.of("periodMinutes", "not a whole number"));
            }
            PlanViews.Plan p = plans.createFromTemplate(launch, null, m, title, PlansApi.date(date, "date"), minutes);
            return page(launch, p.id(), "Created from the " + m.label().toLowerCase(java.util.Locale.ROOT) + " template.");
        });
    }

    @GET
    @Path("{id}")
    public Response open(@PathParam("id") String id) {
        return guard(() -> page(requests.launch(), id, null));
    }

    @GET
    @Path("{id}/editor")
    public Response editor(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanViews.Opened o = plans.open(launch, id);
            return render("coteaching/planEditor.jte", Map.of("e", editorView(launch, o, o.plan().doc(), o.plan().version(), false, null)));
        });
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            long base = baseVersion(form.getFirst("baseVersion"));
            JsonObject doc = PlanForm.read(plans.revision(launch, id, base).doc(), form);
            return outcome(launch, id, plans.save(launch, id, base, doc, "SAVE"));
        });
    }

    /** Re-renders the editor from the form's unsaved state after an edit of its lists (add, remove, move) or model. */
    @POST
    @Path("{id}/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanViews.Opened o = plans.open(launch, id);
            if (!o.mayEdit()) {
                throw new InvalidRequestException(403, "Only the teachers of the plan's link group change it.", Map.of("plan", "read-only"));
            }
            long base = baseVersion(form.getFirst("baseVersion"));
            JsonObject doc = PlanForm.read(plans.revision(launch, id, base).doc(), form);
            doc = apply(launch, o, doc, form.getFirst("op"));
            JsonObject shown = PlanDocs.canonical(doc, true);
            return render("coteaching/planEditor.jte", Map.of("e", editorView(launch, o, shown, base, true, null)));
        });
    }

    private JsonObject apply(LaunchContext launch, PlanViews.Opened o, JsonObject doc, String op) {
        if (op == null || op.isBlank() || op.equals("refresh")) {
            return doc;
        }
        int colon = op.indexOf(':');
        String verb = colon < 0 ? op : op.substring(0, colon);
        String arg = colon < 0 ? "" : op.substring(colon + 1);
        switch (verb) {
            case "add" -> {
                requireList(arg);
                return PlanDocs.with(doc, arg + "/@" + PlanDocs.newElementId(), Json.createObjectBuilder().build());
            }
            case "remove" -> {
                requireElement(arg);
                return PlanDocs.with(doc, arg, null);
            }
            case "up", "down" -> {
                requireElement(arg);
                return move(doc, arg, verb.equals("up") ? -1 : 1);
            }
            case "addstd" -> {
                if (PlanDocs.at(doc, "standards/@" + arg) != null) {
                    return doc;
                }
                return PlanDocs.with(doc, "standards/@" + arg, checks.standardElement(o.plan().districtId(), arg));
            }
            default -> throw new InvalidRequestException("Unknown form action.", Map.of("op", "unknown"));
        }
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 199) + "\u2026" : s;
    }

    private static void requireList(String path) {
        if (app.tandem.coteaching.application.PlanSchema.fieldAt(path).filter(f -> f instanceof app.tandem.coteaching.application.PlanSchema.ListOf)
                .isEmpty() || path.equals("standards")) {
            throw new InvalidRequestException("Unknown list.", Map.of("op", "unknown list"));
        }
    }

    private static void requireElement(String path) {
        int at = path.lastIndexOf("/@");
        if (at < 0) {
            throw new InvalidRequestException("Unknown list element.", Map.of("op", "unknown element"));
        }
        if (app.tandem.coteaching.application.PlanSchema.fieldAt(path.substring(0, at))
                .filter(f -> f instanceof app.tandem.coteaching.application.PlanSchema.ListOf).isEmpty()) {
            throw new InvalidRequestException("Unknown list.", Map.of("op", "unknown list"));
        }
    }

    private static JsonObject move(JsonObject doc, String elementPath, int by) {
        int at = elementPath.lastIndexOf("/@");
        String listPath = elementPath.substring(0, at);
        String id = elementPath.substring(at + 2);
        JsonValue list = PlanDocs.at(doc, listPath);
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            return doc;
        }
        List<JsonValue> items = new ArrayList<>(list.asJsonArray());
        int i = 0;
        while (i < items.size() && !id.equals(items.get(i).asJsonObject().getString("id", null))) {
            i++;
        }
        int j = i + by;
        if (i >= items.size() || j < 0 || j >= items.size()) {
            return doc;
        }
        JsonValue x = items.get(i);
        items.set(i, items.get(j));
        items.set(j, x);
        var b = Json.createArrayBuilder();
        items.forEach(b::add);
        return PlanDocs.with(doc, listPath, b.build());
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            long current = baseVersion(form.getFirst("currentVersion"));
            JsonObject merged = json(form.getFirst("merged")).asJsonObject();
            Map<String, JsonValue> choices = new LinkedHashMap<>();
            int count = parseCount(form.getFirst("conflicts"));
            for (int i = 0; i < count; i++) {
                String path = form.getFirst("path." + i);
                String pick = form.getFirst("pick." + i);
                if (path == null || path.isBlank()) {
                    throw new InvalidRequestException("The resolver form is incomplete.", Map.of("path." + i, "missing"));
                }
                String label = PlanDocs.label(path, merged);
                JsonValue chosen;
                if ("mine".equals(pick)) {
                    chosen = json(form.getFirst("mine." + i));
                } else if ("theirs".equals(pick)) {
                    chosen = json(form.getFirst("theirs." + i));
                } else if ("custom".equals(pick)) {
                    String text = form.getFirst("custom." + i);
                    chosen = Json.createValue(text == null ? "" : text);
                } else {
                    throw new InvalidRequestException("Choose a version of \u201c" + label + "\u201d.", Map.of(path, "choose a version"));
                }
                choices.put(path, chosen == JsonValue.NULL ? null : chosen);
            }
            JsonObject resolved = ThreeWayMerge.resolve(merged, choices);
            return outcome(launch, id, plans.save(launch, id, current, resolved, "RESOLVE"));
        });
    }

    private static int parseCount(String s) {
        try {
            int n = Integer.parseInt(s == null ? "" : s.strip());
            if (n < 0 || n > 500) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The resolver form is incomplete.", Map.of("conflicts", "missing"));
        }
    }

    private static JsonValue json(String s) {
        if (s == null || s.length() > 1_000_000) {
            throw new InvalidRequestException("The resolver form is incomplete.", Map.of("merged", "missing"));
        }
        try (JsonReader r = Json.createReader(new StringReader(s))) {
            return r.readValue();
        } catch (JsonParsingException | IllegalStateException e) {
            throw new InvalidRequestException("The resolver form is damaged: a value is not JSON.", Map.of("merged", "not JSON"));
        }
    }

    private Response outcome(LaunchContext launch, String id, PlanViews.Outcome outcome) {
        if (outcome instanceof PlanViews.Conflicted c) {
            return render("coteaching/planConflict.jte", Map.of("c", new Views.Conflict(requests.contextPath(), id, c, launch.displayName())));
        }
        PlanViews.Saved s = (PlanViews.Saved) outcome;
        String notice = switch (s.kind()) {
            case "NONE" -> "No changes to save.";
            case "MERGE" -> "Saved. " + s.plan().updatedByName() + "\u2019s newer changes were merged in"
                    + (s.mergedFrom().isEmpty() ? "." : ": " + String.join(", ", s.mergedFrom()) + ".");
            case "RESOLVE" -> "Saved with your choices.";
            case "RESTORE" -> s.summary() + ".";
            default -> "Saved version " + s.plan().version() + ".";
        };
        PlanViews.Opened o = plans.open(launch, id);
        return render("coteaching/planEditor.jte", Map.of("e", editorView(launch, o, o.plan().doc(), o.plan().version(), false, notice)));
    }

    /** The live strip: 204 while nothing changed, else the strip again, or the whole editor when a clean form can show a newer version. */
    @GET
    @Path("{id}/live")
    public Response live(@PathParam("id") String id, @QueryParam("v") Long shownVersion, @QueryParam("h") String shownHash,
                         @QueryParam("c") Long shownComments, @QueryParam("baseVersion") Long baseVersion, @QueryParam("dirty") String dirty) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            Plans.Live state = plans.live(launch, id);
            boolean isDirty = "1".equals(dirty);
            long base = baseVersion == null ? state.version() : baseVersion;
            Views.Live live = new Views.Live(requests.contextPath(), id, state, launch.personId(), base, isDirty);
            boolean commentsMoved = shownComments != null && shownComments != state.comments();
            if (shownVersion != null && shownVersion == state.version() && live.hash().equals(shownHash) && !commentsMoved) {
                return Response.noContent().header("Cache-Control", "no-store").build();
            }
            if (!isDirty && state.version() > base) {
                PlanViews.Opened o = plans.open(launch, id);
                String notice = (state.updatedByName() == null ? "Someone" : state.updatedByName()) + " saved version " + state.version() + ".";
                return Response.fromResponse(render("coteaching/planEditor.jte",
                                Map.of("e", editorView(launch, o, o.plan().doc(), o.plan().version(), false, notice), "oobComments", commentsMoved)))
                        .header("HX-Retarget", "#plan-editor").header("HX-Reswap", "outerHTML").build();
            }
            Map<String, Object> m = new HashMap<>();
            m.put("v", live);
            m.put("oobComments", commentsMoved);
            m.put("comments", commentsMoved ? plans.comments(launch, id) : List.of());
            return render("coteaching/planLive.jte", m);
        });
    }

    @POST
    @Path("{id}/publish")
    public Response publish(@PathParam("id") String id) {
        return guard(() -> status(id, true));
    }

    @POST
    @Path("{id}/unpublish")
    public Response unpublish(@PathParam("id") String id) {
        return guard(() -> status(id, false));
    }

    private Response status(String id, boolean publish) {
        LaunchContext launch = requests.launch();
        plans.publish(launch, id, publish);
        PlanViews.Opened o = plans.open(launch, id);
        Map<String, Object> m = planModel(id, o);
        m.put("ctx", requests.contextPath());
        m.put("published", o.plan().published());
        m.put("announce", true);
        return render("coteaching/planStatus.jte", m);
    }

    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response copy(@PathParam("id") String id, @FormParam("date") String date, @FormParam("groupId") String groupId) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanViews.Plan copy = plans.copy(launch, id, PlansApi.date(date, "date"), PlansApi.blank(groupId));
            return page(launch, copy.id(), "This is a copy: a new draft.");
        });
    }

    @GET
    @Path("{id}/revisions")
    public Response revisions(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanViews.Opened o = plans.open(launch, id);
            Map<String, Object> m = planModel(id, o);
            m.put("revisions", plans.revisions(launch, id));
            m.put("current", o.plan().version());
            return render("coteaching/planRevisions.jte", m);
        });
    }

    @GET
    @Path("{id}/revisions/{version}")
    public Response revision(@PathParam("id") String id, @PathParam("version") long version) {
        return guard(() -> {
            Map<String, Object> m = new HashMap<>();
            m.put("planId", id);
            m.put("d", plans.revision(requests.launch(), id, version));
            return render("coteaching/planRevision.jte", m);
        });
    }

    @POST
    @Path("{id}/revisions/{version}/restore")
    public Response restore(@PathParam("id") String id, @PathParam("version") long version) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            return outcome(launch, id, plans.restore(launch, id, version));
        });
    }

    @GET
    @Path("{id}/comments")
    public Response comments(@PathParam("id") String id) {
        return guard(() -> comments(requests.launch(), id, null));
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response comment(@PathParam("id") String id, @FormParam("text") String text) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            plans.comment(launch, id, text);
            return comments(launch, id, "Comment added.");
        });
    }

    private Response comments(LaunchContext launch, String id, String notice) {
        PlanViews.Opened o = plans.open(launch, id);
        Map<String, Object> m = planModel(id, o);
        m.put("comments", plans.comments(launch, id));
        m.put("notice", notice);
        return render("coteaching/planComments.jte", m);
    }

    /** Standards search for the editor, limited to the district's enabled frameworks. */
    @GET
    @Path("{id}/standards")
    public Response searchStandards(@PathParam("id") String id, @QueryParam("stdq") String q) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            PlanViews.Opened o = plans.open(launch, id);
            Map<String, Object> m = planModel(id, o);
            m.put("q", q == null ? "" : q);
            SearchIndex.Result r = q == null || q.isBlank() ? null : standards.search(launch, q, null, null, null, null, 15);
            m.put("hits", r == null ? List.of() : r.hits());
            return render("coteaching/planStandards.jte", m);
        });
    }

    // ---- helpers

    /** The model of a fragment of one opened plan: its id and whether the person may edit it. */
    private static Map<String, Object> planModel(String id, PlanViews.Opened o) {
        Map<String, Object> m = new HashMap<>();
        m.put("planId", id);
        m.put("mayEdit", o.mayEdit());
        return m;
    }

    private Response page(LaunchContext launch, String id, String notice) {
        PlanViews.Opened o = plans.open(launch, id);
        Map<String, Object> m = new HashMap<>();
        m.put("e", editorView(launch, o, o.plan().doc(), o.plan().version(), false, notice));
        return render("coteaching/plan.jte", m);
    }

    private Views.Editor editorView(LaunchContext launch, PlanViews.Opened o, JsonObject doc, long baseVersion, boolean dirty, String notice) {
        Plans.Live state = plans.live(launch, o.plan().id());
        List<Views.Target> targets = new ArrayList<>();
        if (launch.is(AppRole.TEACHER)) {
            for (PlanViews.Group g : plans.groupsTaughtBy(launch)) {
                targets.add(new Views.Target(g.id(), g.name() + " (" + String.join(", ", g.sections().stream()
                        .map(app.tandem.lti.api.Sections.Section::displayTitle).toList()) + ")"));
            }
        }
        return new Views.Editor(requests.contextPath(), o, doc, baseVersion, dirty, notice, plans.courseMaps(o.group()),
                new Views.Live(requests.contextPath(), o.plan().id(), state, launch.personId(), baseVersion, dirty),
                plans.studentNamesAllowed(o.plan().districtId()), targets);
    }

    private static long baseVersion(String s) {
        try {
            return Long.parseLong(s == null ? "" : s.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The form lost track of the plan's version: reload the plan.", Map.of("baseVersion", "required"));
        }
    }

    private Response render(String template, Map<String, Object> model) {
        return render(200, template, model);
    }

    private Response render(int status, String template, Map<String, Object> model) {
        return HtmlFragments.render(status, template, requests.contextPath(), model);
    }

    /**
     * A problem the person can fix (or a missing session) is shown as a 4xx fragment: in the editor's problem
     * area when the request came from a form (the form keeps what was typed), else in place.
     */
    private Response guard(Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            Response.ResponseBuilder r = Response.fromResponse(HtmlFragments.problem(e, "coteaching/planProblem.jte", requests.contextPath()));
            if ("POST".equals(requests.method()) && e.status() != 401) {
                r.header("HX-Retarget", "#plan-problems").header("HX-Reswap", "innerHTML");
            }
            if (requests.isPoll() && (e.status() == 404 || e.status() == 401)) {
                // the plan or the session is gone: stop polling (htmx stops on 286)
                return Response.status(286).build();
            }
            return r.build();
        }
    }
}

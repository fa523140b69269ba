package app.tandem.alignment.web;

import app.tandem.alignment.application.Alignments;
import app.tandem.alignment.application.CourseMap;
import app.tandem.alignment.application.CourseMaps;
import app.tandem.alignment.application.CourseSettings;
import app.tandem.alignment.application.MapRules;
import app.tandem.alignment.application.SectionAccess;
import app.tandem.common.HtmlFragments;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.StandardsCatalog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The course-map pages: htmx fragments swapped into the launch page (session in X-Tandem-Session). The map is
 * {@code #course-map}; changes answer with its body ({@code #cm-body}) and an out-of-band status line for screen
 * readers; alignment changes answer with the item's {@code <div id="alignments-{itemId}">}. Problems come back as
 * a 4xx problem fragment (header X-Tandem-Fragment: problem) that coursemap.js shows next to the form that caused it.
 */
@Path("app/course")
@RequestScoped
public class CoursePages {
    @Inject
    LaunchRequests requests;

    @Inject
    SectionAccess access;

    @Inject
    CourseMaps maps;

    @Inject
    Alignments alignments;

    @Inject
    CourseSettings settings;

    @Inject
    StandardsCatalog catalog;

    // ---- the map

    /** The course map of the launch's section (teachers; coordinators read only). */
    @GET
    public Response launchSection() {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            if (!launch.hasSection()) {
                throw new InvalidRequestException(404, "This launch is not in a course section: open Tandem from a course to see its map.",
                        Map.of("section", "none"));
            }
            return map(launch, access.teacherRead(launch, launch.sectionId()), "map");
        });
    }

    @GET
    @Path("{s}")
    public Response section(@PathParam("s") String s) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            return map(launch, access.teacherRead(launch, s), "map");
        });
    }

    private Response map(LaunchContext launch, SectionAccess.Grant grant, String template) {
        return map(launch, grant, template, null, null);
    }

    private Response map(LaunchContext launch, SectionAccess.Grant grant, String template, String status, String focus) {
        CourseMap map = maps.map(grant);
        MapView view = new MapView(map, grant, settings.of(grant.section().districtId(), grant.section().id()),
                catalog.enabledFrameworks(grant.section().districtId()), focus);
        Map<String, Object> m = new HashMap<>();
        m.put("view", view);
        m.put("status", status);
        return html(200, "alignment/" + template + ".jte", m);
    }

    /** The map's body after a change, with a status line for the live region. */
    private Response changed(LaunchContext launch, SectionAccess.Grant grant, String status, String focus) {
        return map(launch, grant, "mapBody", status, focus);
    }

    // ---- units

    @POST
    @Path("{s}/units")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addUnit(@PathParam("s") String s, @FormParam("title") String title, @FormParam("description") String description) {
        return edit(s, (launch, grant) -> {
            CourseMap.Unit u = maps.createUnit(launch, grant, title, description);
            return changed(launch, grant, "Added the unit “" + u.title() + "”.", "add-item-" + u.id());
        });
    }

    @PUT
    @Path("{s}/units/{u}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editUnit(@PathParam("s") String s, @PathParam("u") String u, @FormParam("title") String title,
                             @FormParam("description") String description, @FormParam("version") String version) {
        return edit(s, (launch, grant) -> {
            CourseMap.Unit unit = maps.updateUnit(launch, grant, u, title, description, version(version));
            return changed(launch, grant, "Saved the unit “" + unit.title() + "”.", "unit-title-" + unit.id());
        });
    }

    @DELETE
    @Path("{s}/units/{u}")
    public Response deleteUnit(@PathParam("s") String s, @PathParam("u") String u, @QueryParam("version") String version) {
        return edit(s, (launch, grant) -> {
            String title = maps.deleteUnit(launch, grant, u, version(version));
            return changed(launch, grant, "Deleted the unit “" + title + "” and its items.", "add-unit-title");
        });
    }

    @POST
    @Path("{s}/units/{u}/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveUnit(@PathParam("s") String s, @PathParam("u") String u, @FormParam("delta") String delta) {
        return edit(s, (launch, grant) -> {
            int d = delta(delta);
            CourseMap.Unit unit = maps.moveUnit(grant, u, d);
            int count = maps.map(grant).units().size();
            return changed(launch, grant, "Moved the unit “" + unit.title() + "” to position " + (unit.position() + 1) + " of " + count + ".",
                    focusAfterMove("unit", unit.id(), unit.position(), count, d));
        });
    }

    @POST
    @Path("{s}/units/order")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response orderUnits(@PathParam("s") String s, @FormParam("unitIds") List<String> unitIds) {
        return edit(s, (launch, grant) -> {
            maps.orderUnits(grant, ids(unitIds, "unitIds"));
            return changed(launch, grant, "Saved the new order of the units.", null);
        });
    }

    @GET
    @Path("{s}/units/{u}/copy")
    public Response copyDialog(@PathParam("s") String s, @PathParam("u") String u) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            SectionAccess.Grant grant = access.teacherRead(launch, s);
            CourseMap.Unit unit = maps.unit(grant, u);
            Map<String, Object> m = new HashMap<>();
            m.put("sectionId", s);
            m.put("unit", unit);
            m.put("targets", maps.copyTargets(launch, grant));
            return html(200, "alignment/mapCopy.jte", m);
        });
    }

    @POST
    @Path("{s}/units/{u}/copy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response copyUnit(@PathParam("s") String s, @PathParam("u") String u, @FormParam("targetSectionId") String target) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            SectionAccess.Grant from = access.teacherRead(launch, s);
            if (target == null || target.isBlank()) {
                throw new InvalidRequestException("Choose the section to copy the unit to.", Map.of("targetSectionId", "required"));
            }
            CourseMaps.CopyResult r = maps.copyUnit(launch, from, u, access.edit(launch, target));
            String status = "Copied the unit to “" + r.target().displayTitle() + "”: " + r.items() + (r.items() == 1 ? " item, " : " items, ")
                    + r.alignments() + (r.alignments() == 1 ? " alignment." : " alignments.")
                    + (r.skippedAlignments() == 0 ? "" : " " + r.skippedAlignments() + " left out (" + String.join(", ", r.skippedCodes())
                    + "): not in that section's frameworks, or retired.");
            return map(launch, from, "mapBody", status, "copy-" + u);
        });
    }

    // ---- items

    @POST
    @Path("{s}/units/{u}/items")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addItem(@PathParam("s") String s, @PathParam("u") String u, @FormParam("kind") String kind, @FormParam("title") String title,
                            @FormParam("url") String url, @FormParam("resourceType") String resourceType,
                            @FormParam("description") String description, @FormParam("studentVisible") String visible) {
        return edit(s, (launch, grant) -> {
            CourseMap.Item item = maps.createItem(launch, grant, u, input(kind, title, url, resourceType, description, visible));
            return changed(launch, grant, "Added “" + item.title() + "”.", "add-item-" + u);
        });
    }

    @PUT
    @Path("{s}/items/{i}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editItem(@PathParam("s") String s, @PathParam("i") String i, @FormParam("kind") String kind, @FormParam("title") String title,
                             @FormParam("url") String url, @FormParam("resourceType") String resourceType,
                             @FormParam("description") String description, @FormParam("studentVisible") String visible,
                             @FormParam("version") String version) {
        return edit(s, (launch, grant) -> {
            CourseMap.Item item = maps.updateItem(launch, grant, i, input(kind, title, url, resourceType, description, visible), version(version));
            return changed(launch, grant, "Saved “" + item.title() + "”.", "item-title-" + item.id());
        });
    }

    /** Page forms send the LTI launch URL in the url field; the stored link is the deep-linking content item. */
    private static MapRules.ItemInput input(String kind, String title, String url, String resourceType, String description, String visible) {
        String link = null;
        if ("LTI_LINK".equalsIgnoreCase(kind == null ? "" : kind.strip()) && url != null && !url.isBlank()) {
            link = Json.createObjectBuilder().add("type", "ltiResourceLink").add("url", url.strip())
                    .add("title", title == null ? "" : title.strip()).build().toString();
        }
        return MapRules.item(kind, title, url, resourceType, description, link, "on".equals(visible) || "true".equals(visible));
    }

    @DELETE
    @Path("{s}/items/{i}")
    public Response deleteItem(@PathParam("s") String s, @PathParam("i") String i, @QueryParam("version") String version) {
        return edit(s, (launch, grant) -> {
            CourseMap.Item item = maps.item(grant, i);
            String title = maps.deleteItem(launch, grant, i, version(version));
            return changed(launch, grant, "Deleted “" + title + "”.", "add-item-" + item.unitId());
        });
    }

    @POST
    @Path("{s}/items/{i}/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveItem(@PathParam("s") String s, @PathParam("i") String i, @FormParam("delta") String delta) {
        return edit(s, (launch, grant) -> {
            int d = delta(delta);
            CourseMap.Item moved = maps.moveItem(grant, i, d);
            CourseMap map = maps.map(grant);
            CourseMap.Unit unit = map.units().stream().filter(x -> x.id().equals(moved.unitId())).findFirst().orElseThrow();
            int position = unit.items().stream().map(CourseMap.Item::id).toList().indexOf(i);
            return changed(launch, grant, "Moved “" + moved.title() + "” to position " + (position + 1) + " of " + unit.items().size()
                    + " in “" + unit.title() + "”.", focusAfterMove("item", i, position, unit.items().size(), d));
        });
    }

    @POST
    @Path("{s}/items/{i}/unit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveItemToUnit(@PathParam("s") String s, @PathParam("i") String i, @FormParam("unitId") String unitId,
                                   @FormParam("version") String version) {
        return edit(s, (launch, grant) -> {
            CourseMap.Item moved = maps.moveItemToUnit(grant, i, unitId, version(version));
            CourseMap.Unit unit = maps.unit(grant, moved.unitId());
            return changed(launch, grant, "Moved “" + moved.title() + "” to the unit “" + unit.title() + "”.", "item-title-" + i);
        });
    }

    @POST
    @Path("{s}/units/{u}/items/order")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response orderItems(@PathParam("s") String s, @PathParam("u") String u, @FormParam("itemIds") List<String> itemIds) {
        return edit(s, (launch, grant) -> {
            maps.orderItems(grant, u, ids(itemIds, "itemIds"));
            return changed(launch, grant, "Saved the new order of “" + maps.unit(grant, u).title() + "”.", null);
        });
    }

    // ---- alignments

    /** The align panel of an item: suggestions (filled by the suggestions feature), search, add by code, history. */
    @GET
    @Path("{s}/items/{i}/panel")
    public Response panel(@PathParam("s") String s, @PathParam("i") String i) {
        return edit(s, (launch, grant) -> {
            Map<String, Object> m = new HashMap<>();
            m.put("sectionId", s);
            m.put("item", maps.item(grant, i));
            m.put("frameworks", settings.of(grant.section().districtId(), s).frameworks());
            return html(200, "alignment/mapPanel.jte", m);
        });
    }

    @GET
    @Path("{s}/items/{i}/standards")
    public Response searchStandards(@PathParam("s") String s, @PathParam("i") String i, @QueryParam("q") String q) {
        return edit(s, (launch, grant) -> {
            CourseMap.Item item = maps.item(grant, i);
            SearchIndex.Result result = alignments.search(grant, q, 15);
            Map<String, Object> m = new HashMap<>();
            m.put("sectionId", s);
            m.put("item", item);
            m.put("result", result);
            Set<String> aligned = new LinkedHashSet<>();
            item.alignments().forEach(a -> aligned.add(a.standardId() + ":" + a.type().name()));
            m.put("aligned", aligned);
            return html(200, "alignment/mapSearch.jte", m);
        });
    }

    @GET
    @Path("{s}/items/{i}/alignments")
    public Response itemAlignments(@PathParam("s") String s, @PathParam("i") String i) {
        return guard(() -> {
            SectionAccess.Grant grant = access.teacherRead(requests.launch(), s);
            return alignmentList(grant, maps.item(grant, i), null);
        });
    }

    /** Aligns the item (standardId, or a code typed by hand) and answers with the item's alignment list. */
    @POST
    @Path("{s}/items/{i}/alignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response align(@PathParam("s") String s, @PathParam("i") String i, @FormParam("standardId") String standardId,
                          @FormParam("code") String code, @FormParam("type") String type) {
        return edit(s, (launch, grant) -> {
            String id = standardId != null && !standardId.isBlank() ? standardId : alignments.resolveCode(grant, code);
            Alignments.Added added = alignments.add(launch, grant, i, id, type);
            String announce = added.created()
                    ? "Aligned “" + added.itemTitle() + "” to " + added.alignment().code() + " (" + added.alignment().type().label() + ")."
                    : "“" + added.itemTitle() + "” was already aligned to " + added.alignment().code() + " (" + added.alignment().type().label() + ").";
            return alignmentList(grant, maps.item(grant, i), announce);
        });
    }

    @DELETE
    @Path("{s}/items/{i}/alignments/{a}")
    public Response unalign(@PathParam("s") String s, @PathParam("i") String i, @PathParam("a") String a) {
        return edit(s, (launch, grant) -> {
            CourseMap.Alignment removed = alignments.remove(launch, grant, i, a);
            CourseMap.Item item = maps.item(grant, i);
            return alignmentList(grant, item, "Removed the alignment of “" + item.title() + "” to " + removed.code() + " ("
                    + removed.type().label() + ").");
        });
    }

    private Response alignmentList(SectionAccess.Grant grant, CourseMap.Item item, String announce) {
        Map<String, Object> m = new HashMap<>();
        m.put("sectionId", grant.section().id());
        m.put("item", item);
        m.put("edit", grant.mayEdit());
        m.put("announce", announce);
        return html(200, "alignment/mapAlignments.jte", m);
    }

    /** Several items (checkboxes) to one or more standards (codes or ids) with one type. */
    @POST
    @Path("{s}/alignments/bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bulk(@PathParam("s") String s, @FormParam("itemIds") List<String> itemIds, @FormParam("codes") String codes,
                         @FormParam("standardIds") List<String> standardIds, @FormParam("type") String type) {
        return edit(s, (launch, grant) -> {
            List<String> standards = new ArrayList<>(standardIds == null ? List.of() : standardIds);
            if (codes != null && codes.length() > 2000) {
                throw new InvalidRequestException("The list of codes is too long.", Map.of("codes", "at most 2000 characters"));
            }
            for (String code : codes == null ? new String[0] : codes.split("[,;\\s]+")) {
                if (!code.isBlank()) {
                    standards.add(alignments.resolveCode(grant, code));
                }
            }
            if (standards.isEmpty()) {
                throw new InvalidRequestException("Type the codes of the standards to align the selected items to.", Map.of("codes", "required"));
            }
            Alignments.BulkResult r = alignments.bulk(launch, grant, itemIds, standards, type);
            return changed(launch, grant, "Aligned " + r.items() + (r.items() == 1 ? " item" : " items") + " to " + String.join(", ", r.codes())
                    + ": " + r.created() + " new " + (r.created() == 1 ? "alignment" : "alignments")
                    + (r.existing() == 0 ? "." : ", " + r.existing() + " already there."), "bulk-codes");
        });
    }

    // ---- history and settings

    @GET
    @Path("{s}/items/{i}/history")
    public Response itemHistory(@PathParam("s") String s, @PathParam("i") String i) {
        return guard(() -> {
            SectionAccess.Grant grant = access.teacherRead(requests.launch(), s);
            maps.item(grant, i);
            return history(alignments.history(grant, i, 100), false);
        });
    }

    @GET
    @Path("{s}/history")
    public Response sectionHistory(@PathParam("s") String s) {
        return guard(() -> history(alignments.history(access.teacherRead(requests.launch(), s), null, 200), true));
    }

    private Response history(List<CourseMap.Event> events, boolean withItems) {
        Map<String, Object> m = new HashMap<>();
        m.put("events", events);
        m.put("withItems", withItems);
        return html(200, "alignment/mapHistory.jte", m);
    }

    @GET
    @Path("{s}/settings")
    public Response settingsForm(@PathParam("s") String s) {
        return guard(() -> {
            SectionAccess.Grant grant = access.teacherRead(requests.launch(), s);
            return settingsFragment(grant, settings.of(grant.section().districtId(), s), null);
        });
    }

    @POST
    @Path("{s}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveSettings(@PathParam("s") String s, @FormParam("grades") List<String> grades, @FormParam("subjects") String subjects,
                                 @FormParam("frameworkIds") List<String> frameworkIds, @FormParam("school") String school,
                                 @FormParam("version") String version) {
        return edit(s, (launch, grant) -> {
            CourseSettings.Settings saved = settings.save(launch, grant, set(grades), set(subjects == null ? List.of() : List.of(subjects.split(","))),
                    set(frameworkIds), school, version(version));
            return settingsFragment(grant, saved, "Saved the course settings: this section now uses "
                    + (saved.frameworks().isEmpty() ? "no framework" : String.join(", ", saved.frameworks().stream()
                    .map(StandardsCatalog.FrameworkRef::title).toList())) + ".");
        });
    }

    private Response settingsFragment(SectionAccess.Grant grant, CourseSettings.Settings s, String status) {
        Map<String, Object> m = new HashMap<>();
        m.put("view", new MapView(new CourseMap(grant.section(), true, List.of()), grant, s,
                catalog.enabledFrameworks(grant.section().districtId()), null));
        m.put("status", status);
        return html(200, "alignment/mapSettings.jte", m);
    }

    private static Set<String> set(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(out::add);
        }
        if (out.size() > 100) {
            throw new InvalidRequestException("Too many values.", Map.of("settings", "at most 100 values"));
        }
        return out;
    }

    // ---- plumbing

    interface Change {
        Response apply(LaunchContext launch, SectionAccess.Grant grant);
    }

    /** A change (or an editing panel): only for people who may edit the section's map. */
    private Response edit(String sectionId, Change change) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            return change.apply(launch, access.edit(launch, sectionId));
        });
    }

    static Long version(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The version must be a whole number.", Map.of("version", "not a number"));
        }
    }

    static int delta(String delta) {
        String d = delta == null ? "" : delta.strip();
        return switch (d) {
            case "-1", "up" -> -1;
            case "1", "+1", "down" -> 1;
            default -> throw new InvalidRequestException("Move up (-1) or down (1).", Map.of("delta", "-1 or 1"));
        };
    }

    static List<String> ids(List<String> ids, String field) {
        List<String> out = ids == null ? List.of() : ids.stream().filter(x -> x != null && !x.isBlank()).toList();
        if (out.isEmpty() || out.size() > 1000) {
            throw new InvalidRequestException("Send the new order as a list of ids.", Map.of(field, out.isEmpty() ? "required" : "too many"));
        }
        return out;
    }

    /** Keep the keyboard where it was: on the same button, or on the other one when the element reached an end. */
    static String focusAfterMove(String what, String id, int position, int count, int delta) {
        boolean up = delta < 0;
        if (up && position == 0) {
            up = false;
        } else if (!up && position == count - 1) {
            up = true;
        }
        if (count <= 1) {
            return what + "-title-" + id;
        }
        return what + (up ? "-up-" : "-down-") + id;
    }

    private Response guard(Supplier<Response> page) {
        return HtmlFragments.guard("alignment/mapProblem.jte", requests.contextPath(), page);
    }

    private Response html(int status, String template, Map<String, Object> model) {
        return HtmlFragments.render(status, template, requests.contextPath(), model);
    }
}

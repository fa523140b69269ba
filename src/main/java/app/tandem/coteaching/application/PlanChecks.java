package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.domain.GroupStore;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what a save refers to and fills in what the server knows: standards must be in the district's enabled
 * frameworks (their code and statement come from the library), units and course-map items must belong to the
 * group's sections; free text must not name the group's students unless the district's policy allows it.
 * References already in the plan (the current or base document) are kept as they are.
 */
@ApplicationScoped
public class PlanChecks {
    @Inject
    StandardsCatalog catalog;

    @Inject
    GroupStore groups;

    @Inject
    PlanAccess access;

    @Inject
    CoteachingPolicies policies;

    /** The district's co-teaching policy: may plans name students (default: no)? */
    public boolean studentNamesAllowed(String districtId) {
        return policies.of(districtId).plansMayNameStudents();
    }

    /** The document with references checked and filled in; a 400 naming the field otherwise. */
    public JsonObject check(GroupStore.Group g, JsonObject mine, JsonObject... known) {
        JsonObject doc = standards(g.districtId(), mine, known);
        doc = courseMap(g, doc, known);
        if (!studentNamesAllowed(g.districtId())) {
            new StudentNameCheck(access.studentNames(g)).in(doc).ifPresent(f -> {
                throw new InvalidRequestException("\u201c" + f.label() + "\u201d names a student (" + f.name() + "). Your district does not allow "
                        + "student names in co-teaching plans: describe the group instead, e.g. \u201cstudents who need extended time\u201d.",
                        Map.of(f.path(), "names a student"));
            });
        }
        return doc;
    }

    private JsonObject standards(String districtId, JsonObject doc, JsonObject... known) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonValue v : doc.getJsonArray("standards")) {
            JsonObject s = v.asJsonObject();
            String id = s.getString("id");
            Optional<JsonObject> kept = knownElement("standards/@" + id, known);
            if (kept.isPresent()) {
                out.add(kept.get());
                continue;
            }
            out.add(standardElement(districtId, id));
        }
        return Json.createObjectBuilder(doc).add("standards", out).build();
    }

    /** A standard of the district's enabled frameworks as a plan's standards element; 400 otherwise. */
    public JsonObject standardElement(String districtId, String id) {
        StandardRef ref = catalog.standard(districtId, id).orElseThrow(() -> new InvalidRequestException(
                "There is no standard " + id + " in your district's library.", Map.of("standards/@" + id, "unknown standard")));
        if (catalog.enabledFramework(districtId, ref.frameworkId()).isEmpty()) {
            throw new InvalidRequestException("The standard " + ref.label() + " is in a framework your district has not enabled.",
                    Map.of("standards/@" + id, "framework not enabled"));
        }
        return Json.createObjectBuilder().add("id", id).add("code", PlanDocs.shorten(ref.label(), 255))
                .add("statement", PlanDocs.shorten(ref.statement(), PlanSchema.NOTES)).build();
    }

    private JsonObject courseMap(GroupStore.Group g, JsonObject doc, JsonObject... known) {
        String unitId = doc.getString("unitId");
        boolean unitKnown = unitId.isEmpty() || java.util.Arrays.stream(known).anyMatch(k -> k != null && unitId.equals(k.getString("unitId", "")));
        JsonObject out = doc;
        if (!unitKnown) {
            GroupStore.Unit unit = groups.units(g.sectionIds()).stream().filter(u -> u.id().equals(unitId)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("That unit is not on the course map of a section in this group.",
                            Map.of("unitId", "unknown unit")));
            if (doc.getString("unit").isEmpty()) {
                out = Json.createObjectBuilder(out).add("unit", PlanDocs.shorten(unit.title(), PlanSchema.TITLE)).build();
            }
        }
        Map<String, GroupStore.Item> items = null;
        JsonArrayBuilder materials = Json.createArrayBuilder();
        for (JsonValue v : doc.getJsonArray("materials")) {
            JsonObject m = v.asJsonObject();
            String itemId = m.getString("itemId");
            boolean itemKnown = itemId.isEmpty() || knownElement("materials/@" + m.getString("id"), known)
                    .map(k -> itemId.equals(k.getString("itemId", ""))).orElse(false);
            if (!itemKnown) {
                if (items == null) {
                    items = new HashMap<>();
                    for (GroupStore.Item i : groups.items(g.sectionIds())) {
                        items.put(i.id(), i);
                    }
                }
                GroupStore.Item item = items.get(itemId);
                if (item == null) {
                    throw new InvalidRequestException("A material refers to an item that is not on the course map of a section in this group.",
                            Map.of("materials/@" + m.getString("id") + "/itemId", "unknown item"));
                }
                var b = Json.createObjectBuilder(m);
                if (m.getString("title").isEmpty()) {
                    b.add("title", PlanDocs.shorten(item.title(), PlanSchema.TITLE));
                }
                if (m.getString("url").isEmpty() && item.url() != null && PlanDocs.isWebLink(item.url()) && item.url().length() <= 2000) {
                    b.add("url", item.url());
                }
                m = b.build();
            }
            materials.add(m);
        }
        return Json.createObjectBuilder(out).add("materials", materials).build();
    }

    private static Optional<JsonObject> knownElement(String path, JsonObject... known) {
        for (JsonObject k : known) {
            JsonValue v = k == null ? null : PlanDocs.at(k, path);
            if (v != null && v.getValueType() == JsonValue.ValueType.OBJECT) {
                return Optional.of(v.asJsonObject());
            }
        }
        return Optional.empty();
    }
}

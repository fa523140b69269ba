package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanDocs;
import app.tandem.coteaching.application.PlanSchema;
import app.tandem.coteaching.application.PlanSchema.Field;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the plan editor's form into a plan document. Field names are document paths ({@code title},
 * {@code structure/purpose}, {@code activities/@a1b2/minutes}); each list the form shows sends its element ids in
 * order ({@code order:activities}), so a list element the form no longer has was removed. Fields the form does not
 * show (another model's structure, a standard's statement) keep the value of the version the form was opened at.
 */
final class PlanForm {
    static final int MAX_FIELDS = 2000;

    private PlanForm() {
    }

    static JsonObject read(JsonObject base, Map<String, List<String>> form) {
        if (form.size() > MAX_FIELDS) {
            throw new InvalidRequestException(413, "The form has too many fields.", Map.of());
        }
        JsonObject doc = base;
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("order:") || e.getValue().isEmpty()) {
                continue;
            }
            Optional<Field> f = PlanSchema.fieldAt(key);
            if (f.isEmpty() || f.get() instanceof PlanSchema.ListOf || f.get() instanceof PlanSchema.Obj) {
                continue;
            }
            String raw = e.getValue().get(0);
            JsonValue value;
            if (f.get() instanceof PlanSchema.Int i) {
                value = integer(raw, key, i);
            } else {
                value = Json.createValue(raw == null ? "" : raw);
            }
            doc = PlanDocs.with(doc, key, value);
        }
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (e.getKey().startsWith("order:") && !e.getValue().isEmpty()) {
                String listPath = e.getKey().substring("order:".length());
                if (PlanSchema.fieldAt(listPath).filter(f -> f instanceof PlanSchema.ListOf).isEmpty()) {
                    continue;
                }
                doc = ordered(doc, listPath, e.getValue().get(0));
            }
        }
        return doc;
    }

    private static JsonValue integer(String raw, String key, PlanSchema.Int field) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return Json.createValue(field.dflt());
        }
        try {
            return Json.createValue(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(PlanDocs.label(key) + " must be a whole number (\u201c" + cut(s) + "\u201d is not).",
                    Map.of(key, "not a whole number"));
        }
    }

    /** The list at the path with exactly the elements named in {@code order}, in that order. */
    private static JsonObject ordered(JsonObject doc, String listPath, String order) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (String id : order.strip().split("\\s+")) {
            if (id.isEmpty()) {
                continue;
            }
            JsonValue e = PlanDocs.at(doc, listPath + "/@" + id);
            b.add(e != null ? e : Json.createObjectBuilder().add("id", id).build());
        }
        return PlanDocs.with(doc, listPath, b.build());
    }

    private static String cut(String s) {
        return s.length() > 20 ? s.substring(0, 19) + "\u2026" : s;
    }
}

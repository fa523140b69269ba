package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanSchema.Choice;
import app.tandem.coteaching.application.PlanSchema.Day;
import app.tandem.coteaching.application.PlanSchema.Field;
import app.tandem.coteaching.application.PlanSchema.Int;
import app.tandem.coteaching.application.PlanSchema.ListOf;
import app.tandem.coteaching.application.PlanSchema.Obj;
import app.tandem.coteaching.application.PlanSchema.Ref;
import app.tandem.coteaching.application.PlanSchema.Text;
import app.tandem.coteaching.application.PlanSchema.Time;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Plan documents in canonical form: every field of {@link PlanSchema} present, texts as strings ("" when empty),
 * numbers as whole numbers, lists as arrays of objects with an {@code id}, empty list elements dropped. Anything
 * else is refused with a 400 that names the field, so that merges, diffs and pages only ever see canonical documents.
 */
public final class PlanDocs {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private PlanDocs() {
    }

    /** A new id for a list element. */
    public static String newElementId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Validates and canonicalises a document; a 400 naming every wrong field otherwise. */
    public static JsonObject canonical(JsonObject raw) {
        return canonical(raw, false);
    }

    /**
     * As {@link #canonical(JsonObject)}; with {@code keepEmptyRows} blank list elements stay (a form being edited
     * shows the row just added).
     */
    public static JsonObject canonical(JsonObject raw, boolean keepEmptyRows) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject doc = object(PlanSchema.PLAN, raw, "", "", errors, keepEmptyRows);
        if (errors.isEmpty()) {
            crossChecks(doc, errors);
        }
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problem" + (errors.size() > 2 ? "s" : "") + ")" : "";
            throw new InvalidRequestException(first.getValue() + more, errors);
        }
        return doc;
    }

    public static PlanModel model(JsonObject doc) {
        return PlanModel.valueOf(doc.getString("model"));
    }

    private static void crossChecks(JsonObject doc, Map<String, String> errors) {
        LocalDate date = LocalDate.parse(doc.getString("date"));
        if (!doc.getString("endDate").isEmpty()) {
            LocalDate end = LocalDate.parse(doc.getString("endDate"));
            if (end.isBefore(date)) {
                errors.put("endDate", "The last day is before the first day.");
            } else if (end.isAfter(date.plusDays(366))) {
                errors.put("endDate", "A plan spans at most a year.");
            }
        }
        String start = doc.getString("startTime");
        String end = doc.getString("endTime");
        if (!start.isEmpty() && !end.isEmpty() && end.compareTo(start) <= 0) {
            errors.put("endTime", "The end time is not after the start time.");
        }
    }

    private static JsonObject object(List<Field> fields, JsonObject raw, String path, String where, Map<String, String> errors, boolean keep) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (String key : raw.keySet()) {
            if (PlanSchema.field(fields, key).isEmpty() && !(key.equals("id") && !path.isEmpty() && isElementPath(path))) {
                errors.put(join(path, key), where + "Unknown field '" + key + "'.");
            }
        }
        for (Field f : fields) {
            JsonValue v = raw.get(f.key());
            String p = join(path, f.key());
            String w = where + f.label();
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                v = null;
            }
            if (f instanceof Text t) {
                b.add(t.key(), text(t, v, p, w, errors));
            } else if (f instanceof Int i) {
                b.add(i.key(), integer(i, v, p, w, errors));
            } else if (f instanceof Day d) {
                b.add(d.key(), day(d, v, p, w, errors));
            } else if (f instanceof Time t) {
                b.add(t.key(), time(v, p, w, errors));
            } else if (f instanceof Choice c) {
                b.add(c.key(), choice(v, p, w, errors));
            } else if (f instanceof Ref r) {
                b.add(r.key(), ref(v, p, w, errors));
            } else if (f instanceof ListOf l) {
                b.add(l.key(), list(l, v, p, where, errors, keep));
            } else if (f instanceof Obj o) {
                if (v != null && v.getValueType() != JsonValue.ValueType.OBJECT) {
                    errors.put(p, w + " must be an object.");
                    v = null;
                }
                b.add(o.key(), object(o.fields(), v == null ? JsonValue.EMPTY_JSON_OBJECT : v.asJsonObject(), p, where, errors, keep));
            }
        }
        return b.build();
    }

    private static boolean isElementPath(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).startsWith("@");
    }

    private static String text(Text t, JsonValue v, String p, String w, Map<String, String> errors) {
        if (v == null) {
            if (t.required()) {
                errors.put(p, w + " is required.");
            }
            return "";
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            errors.put(p, w + " must be text.");
            return "";
        }
        String s = ((JsonString) v).getString().replace("\r\n", "\n").replace('\r', '\n').strip();
        if (!t.multiline()) {
            s = s.replace('\n', ' ');
        }
        if (s.codePointCount(0, s.length()) > t.max()) {
            errors.put(p, w + " is longer than " + t.max() + " characters.");
            return "";
        }
        if (s.isEmpty() && t.required()) {
            errors.put(p, w + " is required.");
        }
        if (t.url() && !s.isEmpty() && !isWebLink(s)) {
            errors.put(p, w + " must be a web address starting with http:// or https://.");
        }
        return s;
    }

    static boolean isWebLink(String s) {
        try {
            URI u = new URI(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int integer(Int i, JsonValue v, String p, String w, Map<String, String> errors) {
        if (v == null) {
            return i.dflt();
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
            errors.put(p, w + " must be a whole number.");
            return i.dflt();
        }
        java.math.BigDecimal n = ((JsonNumber) v).bigDecimalValue();
        if (n.compareTo(java.math.BigDecimal.valueOf(i.min())) < 0 || n.compareTo(java.math.BigDecimal.valueOf(i.max())) > 0) {
            errors.put(p, w + " must be between " + i.min() + " and " + i.max() + ".");
            return i.dflt();
        }
        return n.intValueExact();
    }

    private static String day(Day d, JsonValue v, String p, String w, Map<String, String> errors) {
        String s = v != null && v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString().strip() : null;
        if (v != null && s == null) {
            errors.put(p, w + " must be a date (YYYY-MM-DD).");
            return "";
        }
        if (s == null || s.isEmpty()) {
            if (d.required()) {
                errors.put(p, w + " is required.");
            }
            return "";
        }
        try {
            LocalDate date = LocalDate.parse(s);
            if (date.getYear() < 2000 || date.getYear() > 2200) {
                errors.put(p, w + " is out of range.");
                return "";
            }
            return date.toString();
        } catch (DateTimeParseException e) {
            errors.put(p, w + " must be a date (YYYY-MM-DD).");
            return "";
        }
    }

    private static String time(JsonValue v, String p, String w, Map<String, String> errors) {
        if (v == null) {
            return "";
        }
        String s = v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString().strip() : null;
        if (s != null && s.length() == 8 && s.endsWith(":00")) {
            s = s.substring(0, 5);
        }
        if (s == null || !s.isEmpty() && !TIME.matcher(s).matches()) {
            errors.put(p, w + " must be a time (HH:MM).");
            return "";
        }
        if (!s.isEmpty()) {
            LocalTime.parse(s);
        }
        return s;
    }

    private static String choice(JsonValue v, String p, String w, Map<String, String> errors) {
        String s = v != null && v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : null;
        if (s == null || PlanModel.parse(s).isEmpty()) {
            errors.put(p, w + " must be one of ONE_TEACH_ONE_OBSERVE, ONE_TEACH_ONE_ASSIST, STATION, PARALLEL, ALTERNATIVE, TEAM.");
            return PlanModel.TEAM.name();
        }
        return PlanModel.parse(s).orElseThrow().name();
    }

    private static String ref(JsonValue v, String p, String w, Map<String, String> errors) {
        if (v == null) {
            return "";
        }
        String s = v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString().strip() : null;
        if (s == null || !s.isEmpty() && !ID.matcher(s).matches()) {
            errors.put(p, w + " is not a valid reference.");
            return "";
        }
        return s;
    }

    private static JsonArray list(ListOf l, JsonValue v, String p, String where, Map<String, String> errors, boolean keep) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        if (v == null) {
            return out.build();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            errors.put(p, where + l.label() + " must be a list.");
            return out.build();
        }
        JsonArray a = v.asJsonArray();
        if (a.size() > l.maxItems()) {
            errors.put(p, where + l.label() + " has more than " + l.maxItems() + " entries.");
            return out.build();
        }
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonValue e : a) {
            n++;
            String w = where + l.elementLabel() + " " + n + " \u203a ";
            if (e.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.put(p + "/" + n, w.substring(0, w.length() - 3) + " must be an object.");
                continue;
            }
            JsonObject o = e.asJsonObject();
            String id;
            JsonValue idValue = o.get("id");
            if (idValue == null || idValue.getValueType() == JsonValue.ValueType.NULL
                    || idValue.getValueType() == JsonValue.ValueType.STRING && ((JsonString) idValue).getString().isBlank()) {
                id = newElementId();
            } else if (idValue.getValueType() != JsonValue.ValueType.STRING || !ID.matcher(((JsonString) idValue).getString()).matches()) {
                errors.put(p + "/" + n + "/id", w + "id is not a valid id.");
                continue;
            } else {
                id = ((JsonString) idValue).getString();
            }
            if (!ids.add(id)) {
                errors.put(p + "/@" + id, w + "id " + id + " appears twice.");
                continue;
            }
            JsonObject element = object(l.fields(), o, p + "/@" + id, w, errors, keep);
            if (!keep && isEmptyElement(l, element)) {
                continue;
            }
            out.add(Json.createObjectBuilder().add("id", id).addAll(Json.createObjectBuilder(element)));
        }
        return out.build();
    }

    /**
     * An element whose fields are all empty (a blank form row) is dropped; a standard is never empty (its id names
     * the standard, the server fills in code and statement).
     */
    private static boolean isEmptyElement(ListOf l, JsonObject element) {
        if (l.key().equals("standards")) {
            return false;
        }
        for (Field f : l.fields()) {
            JsonValue v = element.get(f.key());
            boolean empty;
            if (f instanceof Int i) {
                empty = ((JsonNumber) v).intValue() == i.dflt();
            } else if (f instanceof ListOf) {
                empty = v.asJsonArray().isEmpty();
            } else if (f instanceof Obj) {
                empty = false;
            } else {
                empty = ((JsonString) v).getString().isEmpty();
            }
            if (!empty) {
                return false;
            }
        }
        return true;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    /** The value at a path (keys and {@code @id} element segments), or null. */
    public static JsonValue at(JsonValue doc, String path) {
        JsonValue v = doc;
        for (String seg : path.split("/")) {
            if (v == null) {
                return null;
            }
            if (seg.startsWith("@")) {
                if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                    return null;
                }
                String id = seg.substring(1);
                v = v.asJsonArray().stream().filter(e -> e.getValueType() == JsonValue.ValueType.OBJECT
                        && id.equals(e.asJsonObject().getString("id", null))).findFirst().orElse(null);
            } else {
                if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                    return null;
                }
                v = v.asJsonObject().get(seg);
            }
        }
        return v;
    }

    /**
     * A copy of the document with the value at a path replaced; a null value removes the key or list element. A
     * list element that is not there is appended.
     */
    public static JsonObject with(JsonObject doc, String path, JsonValue value) {
        return (JsonObject) replace(doc, path.split("/"), 0, value);
    }

    private static JsonValue replace(JsonValue node, String[] segs, int i, JsonValue value) {
        String seg = segs[i];
        boolean last = i == segs.length - 1;
        if (seg.startsWith("@")) {
            String id = seg.substring(1);
            JsonArray a = node == null || node.getValueType() != JsonValue.ValueType.ARRAY ? JsonValue.EMPTY_JSON_ARRAY : node.asJsonArray();
            JsonArrayBuilder b = Json.createArrayBuilder();
            boolean found = false;
            for (JsonValue e : a) {
                if (e.getValueType() == JsonValue.ValueType.OBJECT && id.equals(e.asJsonObject().getString("id", null))) {
                    found = true;
                    JsonValue nv = last ? value : replace(e, segs, i + 1, value);
                    if (nv != null) {
                        b.add(nv);
                    }
                } else {
                    b.add(e);
                }
            }
            if (!found) {
                JsonValue nv = last ? value : replace(Json.createObjectBuilder().add("id", id).build(), segs, i + 1, value);
                if (nv != null) {
                    b.add(nv);
                }
            }
            return b.build();
        }
        JsonObject o = node == null || node.getValueType() != JsonValue.ValueType.OBJECT ? JsonValue.EMPTY_JSON_OBJECT : node.asJsonObject();
        JsonObjectBuilder b = Json.createObjectBuilder(o);
        JsonValue nv = last ? value : replace(o.get(seg), segs, i + 1, value);
        if (nv == null) {
            b.remove(seg);
        } else {
            b.add(seg, nv);
        }
        return b.build();
    }

    /**
     * A path in words: "Activities › Warm-up › Minutes". Elements are named by their title field as found in any
     * of the documents given (the first that has the element), else "Activity (removed)".
     */
    public static String label(String path, JsonObject... docs) {
        List<String> words = new ArrayList<>();
        List<Field> fields = PlanSchema.PLAN;
        ListOf list = null;
        StringBuilder prefix = new StringBuilder();
        for (String seg : path.split("/")) {
            if (prefix.length() > 0) {
                prefix.append('/');
            }
            prefix.append(seg);
            if (seg.startsWith("@") && list != null) {
                String name = null;
                for (JsonObject d : docs) {
                    JsonValue e = d == null ? null : at(d, prefix.toString());
                    if (e != null && e.getValueType() == JsonValue.ValueType.OBJECT) {
                        String t = e.asJsonObject().getString(list.titleKey(), "");
                        name = t.isBlank() ? list.elementLabel() : "\u201c" + shorten(t, 40) + "\u201d";
                        break;
                    }
                }
                words.add(name == null ? list.elementLabel() : name);
                fields = list.fields();
                continue;
            }
            Field f = fields == null ? null : PlanSchema.field(fields, seg).orElse(null);
            if (f == null) {
                words.add(seg);
                fields = null;
                continue;
            }
            if (f instanceof Obj o && !o.key().equals("structure")) {
                words.add(o.label());
            }
            if (!(f instanceof Obj)) {
                words.add(f.label());
            }
            list = f instanceof ListOf l ? l : null;
            fields = f instanceof Obj o ? o.fields() : f instanceof ListOf l ? l.fields() : null;
        }
        return String.join(" \u203a ", words);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /** A value as people read it in diffs and conflicts: texts as they are, elements as "title: field, field". */
    public static String display(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "(none)";
        }
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString().isEmpty() ? "(empty)" : ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            case ARRAY -> {
                List<String> parts = new ArrayList<>();
                v.asJsonArray().forEach(e -> parts.add(display(e)));
                yield parts.isEmpty() ? "(none)" : String.join("; ", parts);
            }
            case OBJECT -> {
                List<String> parts = new ArrayList<>();
                v.asJsonObject().forEach((k, x) -> {
                    if (!k.equals("id") && !(x.getValueType() == JsonValue.ValueType.STRING && ((JsonString) x).getString().isEmpty())
                            && !(x.getValueType() == JsonValue.ValueType.ARRAY && x.asJsonArray().isEmpty())) {
                        parts.add(k + ": " + display(x));
                    }
                });
                yield parts.isEmpty() ? "(empty)" : String.join(", ", parts);
            }
            default -> v.toString();
        };
    }
}

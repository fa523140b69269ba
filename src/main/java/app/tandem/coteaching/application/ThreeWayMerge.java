package app.tandem.coteaching.application;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges a stale save into the current plan, field by field, against the revision both started from (the base).
 * A field changed on one side only takes that side's value; changed the same way on both, that value; changed
 * differently on both, it is a conflict: the merged document keeps the current ("theirs") value there for now and
 * the conflict carries all three values, so the person chooses and nothing is lost silently. Lists of objects with
 * an {@code id} are merged element by element: additions from both sides are kept, a removal wins over an unchanged
 * element, and a removal against a change is a conflict (the element is kept until someone chooses).
 *
 * <p>Element order: the side that reordered the elements both sides had keeps its order (the saving side if both
 * did); additions of the other side are placed after the element they followed there.
 */
public final class ThreeWayMerge {

    /**
     * A field both sides changed differently. Values are null where the field or element is absent (removed).
     *
     * @param path  keys and {@code @id} segments, e.g. {@code activities/@a1b2/minutes}
     */
    public record Conflict(String path, String label, JsonValue base, JsonValue mine, JsonValue theirs) {
    }

    /**
     * @param merged      the merged document; at conflicts it holds the current value
     * @param fromMine    paths taken from the saving side (changed only there)
     * @param conflicts   fields changed differently on both sides
     */
    public record Result(JsonObject merged, List<Conflict> conflicts, List<String> fromMine, List<String> fromTheirs) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    private final JsonObject baseDoc;
    private final JsonObject mineDoc;
    private final JsonObject theirsDoc;
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<String> fromMine = new ArrayList<>();
    private final List<String> fromTheirs = new ArrayList<>();

    private ThreeWayMerge(JsonObject base, JsonObject mine, JsonObject theirs) {
        this.baseDoc = base;
        this.mineDoc = mine;
        this.theirsDoc = theirs;
    }

    /** Merges {@code mine} (the stale save) into {@code theirs} (the current document), both derived from {@code base}. */
    public static Result merge(JsonObject base, JsonObject mine, JsonObject theirs) {
        ThreeWayMerge m = new ThreeWayMerge(base, mine, theirs);
        JsonValue merged = m.value("", base, mine, theirs);
        return new Result((JsonObject) merged, List.copyOf(m.conflicts), List.copyOf(m.fromMine), List.copyOf(m.fromTheirs));
    }

    private JsonValue value(String path, JsonValue b, JsonValue m, JsonValue t) {
        b = absentIfNull(b);
        m = absentIfNull(m);
        t = absentIfNull(t);
        if (Objects.equals(m, t)) {
            return m;
        }
        if (Objects.equals(m, b)) {
            fromTheirs.add(path);
            return t;
        }
        if (Objects.equals(t, b)) {
            fromMine.add(path);
            return m;
        }
        if (isObject(m) && isObject(t) && (b == null || isObject(b))) {
            return object(path, b == null ? JsonValue.EMPTY_JSON_OBJECT : b.asJsonObject(), m.asJsonObject(), t.asJsonObject());
        }
        if (isIdList(m) && isIdList(t) && (b == null || isIdList(b))) {
            return list(path, b == null ? JsonValue.EMPTY_JSON_ARRAY : b.asJsonArray(), m.asJsonArray(), t.asJsonArray());
        }
        conflicts.add(new Conflict(path, PlanDocs.label(path, theirsDoc, mineDoc, baseDoc), b, m, t));
        return t != null ? t : m;
    }

    private JsonObject object(String path, JsonObject b, JsonObject m, JsonObject t) {
        Set<String> keys = new LinkedHashSet<>(t.keySet());
        keys.addAll(m.keySet());
        keys.addAll(b.keySet());
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (String key : keys) {
            JsonValue v = value(path.isEmpty() ? key : path + "/" + key, b.get(key), m.get(key), t.get(key));
            if (v != null) {
                out.add(key, v);
            }
        }
        return out.build();
    }

    private JsonArray list(String path, JsonArray b, JsonArray m, JsonArray t) {
        Map<String, JsonObject> base = byId(b);
        Map<String, JsonObject> mine = byId(m);
        Map<String, JsonObject> theirs = byId(t);
        Set<String> all = new LinkedHashSet<>(theirs.keySet());
        all.addAll(mine.keySet());
        all.addAll(base.keySet());
        Map<String, JsonValue> result = new LinkedHashMap<>();
        for (String id : all) {
            JsonValue v = value(path + "/@" + id, base.get(id), mine.get(id), theirs.get(id));
            if (v != null) {
                result.put(id, v);
            }
        }
        List<String> baseOrder = new ArrayList<>(base.keySet());
        List<String> mineOrder = new ArrayList<>(mine.keySet());
        List<String> theirsOrder = new ArrayList<>(theirs.keySet());
        boolean mineReordered = reordered(baseOrder, mineOrder);
        List<String> primary = mineReordered ? mineOrder : theirsOrder;
        List<String> secondary = mineReordered ? theirsOrder : mineOrder;
        List<String> order = new ArrayList<>();
        for (String id : primary) {
            if (result.containsKey(id)) {
                order.add(id);
            }
        }
        placeMissing(order, secondary, result);
        placeMissing(order, baseOrder, result);
        JsonArrayBuilder out = Json.createArrayBuilder();
        order.forEach(id -> out.add(result.get(id)));
        return out.build();
    }

    /** Adds ids of {@code from} kept in the result but missing from {@code order}, after their predecessor in {@code from}. */
    private static void placeMissing(List<String> order, List<String> from, Map<String, JsonValue> result) {
        for (int i = 0; i < from.size(); i++) {
            String id = from.get(i);
            if (!result.containsKey(id) || order.contains(id)) {
                continue;
            }
            int at = 0;
            for (int j = i - 1; j >= 0; j--) {
                int p = order.indexOf(from.get(j));
                if (p >= 0) {
                    at = p + 1;
                    break;
                }
            }
            order.add(at, id);
        }
    }

    /** Whether the elements both lists share appear in another order in {@code side} than in {@code base}. */
    private static boolean reordered(List<String> base, List<String> side) {
        List<String> a = base.stream().filter(side::contains).toList();
        List<String> c = side.stream().filter(base::contains).toList();
        return !a.equals(c);
    }

    private static Map<String, JsonObject> byId(JsonArray a) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonValue e : a) {
            JsonObject o = e.asJsonObject();
            out.put(o.getString("id"), o);
        }
        return out;
    }

    private static JsonValue absentIfNull(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    private static boolean isObject(JsonValue v) {
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT;
    }

    /** An array whose elements are all objects with a string id (an empty array counts). */
    static boolean isIdList(JsonValue v) {
        if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue e : v.asJsonArray()) {
            if (e.getValueType() != JsonValue.ValueType.OBJECT || e.asJsonObject().get("id") == null
                    || e.asJsonObject().get("id").getValueType() != JsonValue.ValueType.STRING
                    || !ids.add(e.asJsonObject().getString("id"))) {
                return false;
            }
        }
        return true;
    }

    /** Applies the person's choices (path → chosen value, null = absent) to a merged document. */
    public static JsonObject resolve(JsonObject merged, Map<String, JsonValue> choices) {
        JsonObject out = merged;
        for (Map.Entry<String, JsonValue> c : choices.entrySet()) {
            out = PlanDocs.with(out, c.getKey(), c.getValue());
        }
        return out;
    }
}

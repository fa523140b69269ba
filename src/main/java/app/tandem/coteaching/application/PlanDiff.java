package app.tandem.coteaching.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What changed between two plan documents, field by field and list element by list element. */
public final class PlanDiff {

    public enum Kind { ADDED, REMOVED, CHANGED, REORDERED }

    /** One change; values are null where absent. */
    public record Change(String path, String label, Kind kind, JsonValue before, JsonValue after) {
        public String beforeText() {
            return PlanDocs.display(before);
        }

        public String afterText() {
            return PlanDocs.display(after);
        }
    }

    private PlanDiff() {
    }

    public static List<Change> diff(JsonObject before, JsonObject after) {
        List<Change> out = new ArrayList<>();
        walk("", before, after, before, after, out);
        return out;
    }

    private static void walk(String path, JsonValue b, JsonValue a, JsonObject beforeDoc, JsonObject afterDoc, List<Change> out) {
        if (Objects.equals(b, a)) {
            return;
        }
        if (b != null && a != null && b.getValueType() == JsonValue.ValueType.OBJECT && a.getValueType() == JsonValue.ValueType.OBJECT) {
            Set<String> keys = new LinkedHashSet<>(b.asJsonObject().keySet());
            keys.addAll(a.asJsonObject().keySet());
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "/" + k, b.asJsonObject().get(k), a.asJsonObject().get(k), beforeDoc, afterDoc, out);
            }
            return;
        }
        if (ThreeWayMerge.isIdList(b) && ThreeWayMerge.isIdList(a)) {
            Map<String, JsonValue> bs = byId(b.asJsonArray());
            Map<String, JsonValue> as = byId(a.asJsonArray());
            Set<String> ids = new LinkedHashSet<>(bs.keySet());
            ids.addAll(as.keySet());
            for (String id : ids) {
                String p = path + "/@" + id;
                JsonValue x = bs.get(id);
                JsonValue y = as.get(id);
                if (x == null) {
                    out.add(new Change(p, PlanDocs.label(p, afterDoc, beforeDoc), Kind.ADDED, null, y));
                } else if (y == null) {
                    out.add(new Change(p, PlanDocs.label(p, beforeDoc, afterDoc), Kind.REMOVED, x, null));
                } else {
                    walk(p, x, y, beforeDoc, afterDoc, out);
                }
            }
            List<String> common = bs.keySet().stream().filter(as::containsKey).toList();
            List<String> now = as.keySet().stream().filter(bs::containsKey).toList();
            if (!common.equals(now)) {
                out.add(new Change(path + "#order", PlanDocs.label(path, afterDoc) + " (order)", Kind.REORDERED, b, a));
            }
            return;
        }
        Kind kind = b == null ? Kind.ADDED : a == null ? Kind.REMOVED : Kind.CHANGED;
        out.add(new Change(path, PlanDocs.label(path, afterDoc, beforeDoc), kind, b, a));
    }

    private static Map<String, JsonValue> byId(JsonArray a) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        a.forEach(e -> m.put(e.asJsonObject().getString("id"), e));
        return m;
    }

    /** The top-level fields that changed, in words ("Title, Activities"), or "no changes". */
    public static String summary(List<Change> changes) {
        Set<String> fields = new LinkedHashSet<>();
        for (Change c : changes) {
            String first = c.path().split("[/#]")[0];
            String second = c.path().contains("/") ? c.path().split("[/#]")[1] : null;
            String key = (first.equals("structure") || first.equals("agenda")) && second != null ? first + "/" + second : first;
            fields.add(PlanDocs.label(key));
        }
        if (fields.isEmpty()) {
            return "no changes";
        }
        String s = String.join(", ", fields);
        return s.length() > 1500 ? s.substring(0, 1499) + "\u2026" : s;
    }
}

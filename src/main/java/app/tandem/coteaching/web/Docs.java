package app.tandem.coteaching.web;

import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanSchema;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Helpers the plan templates use to read canonical plan documents and to name form fields. */
public final class Docs {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private Docs() {
    }

    public static String s(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v instanceof JsonString js ? js.getString() : v instanceof JsonNumber n ? n.toString() : "";
    }

    public static int n(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v instanceof JsonNumber n ? n.intValue() : 0;
    }

    public static JsonObject obj(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
    }

    public static List<JsonObject> list(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return v.asJsonArray().stream().map(JsonValue::asJsonObject).toList();
    }

    /** The space-separated ids of a list, for its order field. */
    public static String ids(JsonObject o, String key) {
        return String.join(" ", list(o, key).stream().map(e -> e.getString("id")).toList());
    }

    /** An HTML id for a form field path. */
    public static String fid(String path) {
        return "f-" + path.replace('/', '-').replace("@", "");
    }

    public static boolean shows(PlanModel model, String structureKey) {
        return PlanSchema.structureKeys(model).contains(structureKey);
    }

    public static PlanModel[] models() {
        return PlanModel.values();
    }

    public static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    public static String day(String iso) {
        return iso == null || iso.isEmpty() ? "" : DAY.format(LocalDate.parse(iso));
    }

    public static String shortDay(LocalDate d) {
        return d == null ? "" : SHORT.format(d);
    }

    public static String stamp(OffsetDateTime t) {
        return t == null ? "" : STAMP.format(t);
    }
}

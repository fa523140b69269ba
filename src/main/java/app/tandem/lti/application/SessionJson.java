package app.tandem.lti.application;

import app.tandem.lti.api.DeepLinkingSettings;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON columns of launch sessions: custom parameters and deep-linking settings. */
final class SessionJson {
    private SessionJson() {
    }

    static String custom(Map<String, String> custom) {
        if (custom == null || custom.isEmpty()) {
            return null;
        }
        JsonObjectBuilder b = Json.createObjectBuilder();
        custom.forEach(b::add);
        String json = b.build().toString();
        return json.length() > 4000 ? null : json;
    }

    static Map<String, String> custom(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json != null) {
            read(json).forEach((k, v) -> {
                if (v instanceof JsonString s) {
                    out.put(k, s.getString());
                }
            });
        }
        return out;
    }

    static String deepLinking(DeepLinkingSettings s) {
        if (s == null) {
            return null;
        }
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("returnUrl", s.returnUrl())
                .add("acceptTypes", array(s.acceptTypes()))
                .add("targets", array(s.presentationTargets()))
                .add("multiple", s.acceptMultiple());
        if (s.data() != null) b.add("data", s.data());
        if (s.title() != null) b.add("title", s.title());
        if (s.text() != null) b.add("text", s.text());
        String json = b.build().toString();
        if (json.length() > 8000) {
            throw new LaunchRejectedException(Rejection.DEEP_LINKING_SETTINGS, "deep_linking_settings larger than 8000 characters");
        }
        return json;
    }

    static DeepLinkingSettings deepLinking(String json) {
        if (json == null) {
            return null;
        }
        JsonObject o = read(json);
        return new DeepLinkingSettings(o.getString("returnUrl"), strings(o, "acceptTypes"), strings(o, "targets"),
                o.getBoolean("multiple", false), o.getString("data", null), o.getString("title", null), o.getString("text", null));
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).stream().filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                .map(v -> ((JsonString) v).getString()).toList();
    }

    private static JsonObject read(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}

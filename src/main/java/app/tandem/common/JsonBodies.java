package app.tandem.common;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads JSON request bodies so that every mistake becomes a 400 naming the field, never a 500. */
public final class JsonBodies {
    public static final int MAX_BODY = 64 * 1024;

    private JsonBodies() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidRequestException(413, "The request body is larger than 64 KB.", Map.of());
        }
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new InvalidRequestException("The request body has content after its JSON value.");
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestException("The request body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new InvalidRequestException("The request body is not valid JSON: " + e.getMessage());
        } catch (java.util.NoSuchElementException | IllegalStateException e) {
            throw new InvalidRequestException("The request body is not valid JSON.");
        }
    }

    /** Adds the field only when the value is not null (absent fields rather than JSON nulls in answers). */
    public static void addIfPresent(jakarta.json.JsonObjectBuilder o, String field, String value) {
        if (value != null) {
            o.add(field, value);
        }
    }

    /** A string field, or null when absent or JSON null; any other type is a field error. */
    public static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidRequestException("The field '" + field + "' must be a string.", Map.of(field, "must be a string"));
        }
        return ((JsonString) v).getString();
    }

    public static List<String> strings(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException("The field '" + field + "' must be an array of strings.", Map.of(field, "must be an array of strings"));
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidRequestException("The field '" + field + "' must be an array of strings.", Map.of(field, "must be an array of strings"));
            }
            out.add(((JsonString) item).getString());
        }
        return out;
    }
}

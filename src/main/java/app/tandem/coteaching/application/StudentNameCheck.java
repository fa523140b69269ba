package app.tandem.coteaching.application;

import app.tandem.coteaching.application.PlanSchema.Field;
import app.tandem.coteaching.application.PlanSchema.ListOf;
import app.tandem.coteaching.application.PlanSchema.Obj;
import app.tandem.coteaching.application.PlanSchema.Text;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds students' names in a plan's free text: a full name in any case, or a given name (or a one-word name)
 * written as a name (capitalised, a whole word). Codes, statements and links are not checked.
 */
public final class StudentNameCheck {

    /** A name found, and where. */
    public record Found(String name, String path, String label) {
    }

    private record Probe(String shown, Pattern pattern) {
    }

    private final List<Probe> probes = new ArrayList<>();

    public StudentNameCheck(List<String> studentNames) {
        for (String full : studentNames) {
            String name = full.strip().replaceAll("\\s+", " ");
            if (name.length() < 2) {
                continue;
            }
            if (!name.contains(" ")) {
                // a single word ("Will") is a name only when written as one
                probes.add(new Probe(name, word(name, 0)));
                continue;
            }
            probes.add(new Probe(name, word(name, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
            String given = name.split(" ")[0];
            if (given.length() >= 2) {
                probes.add(new Probe(given, word(given, 0)));
            }
        }
    }

    private static Pattern word(String s, int flags) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(s) + "(?![\\p{L}\\p{N}])", flags);
    }

    public Optional<String> in(String text) {
        for (Probe p : probes) {
            if (p.pattern().matcher(text).find()) {
                return Optional.of(p.shown());
            }
        }
        return Optional.empty();
    }

    /** The first student name in the document's free text. */
    public Optional<Found> in(JsonObject doc) {
        if (probes.isEmpty()) {
            return Optional.empty();
        }
        return walk(PlanSchema.PLAN, doc, "", doc);
    }

    private Optional<Found> walk(List<Field> fields, JsonObject o, String path, JsonObject doc) {
        for (Field f : fields) {
            String p = path.isEmpty() ? f.key() : path + "/" + f.key();
            JsonValue v = o.get(f.key());
            if (v == null) {
                continue;
            }
            if (f instanceof Text t && !t.url() && !p.startsWith("standards/") && v.getValueType() == JsonValue.ValueType.STRING) {
                Optional<String> name = in(o.getString(f.key()));
                if (name.isPresent()) {
                    return Optional.of(new Found(name.get(), p, PlanDocs.label(p, doc)));
                }
            } else if (f instanceof Obj x && v.getValueType() == JsonValue.ValueType.OBJECT) {
                Optional<Found> r = walk(x.fields(), v.asJsonObject(), p, doc);
                if (r.isPresent()) {
                    return r;
                }
            } else if (f instanceof ListOf l && !l.key().equals("standards") && v.getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue e : v.asJsonArray()) {
                    JsonObject eo = e.asJsonObject();
                    Optional<Found> r = walk(l.fields(), eo, p + "/@" + eo.getString("id", ""), doc);
                    if (r.isPresent()) {
                        return r;
                    }
                }
            }
        }
        return Optional.empty();
    }
}

package app.tandem.alignment.web;

import app.tandem.common.InvalidRequestException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the statements forms: one field {@code s-{standardId}} per standard. */
final class StatementForms {
    static final String PREFIX = "s-";

    private StatementForms() {
    }

    /** The submitted statements by standard id, in form order. */
    static Map<String, String> statements(MultivaluedMap<String, String> form) {
        Map<String, String> result = new LinkedHashMap<>();
        if (form != null) {
            form.forEach((name, values) -> {
                if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                    result.put(name.substring(PREFIX.length()), values.isEmpty() || values.get(0) == null ? "" : values.get(0));
                }
            });
        }
        return result;
    }

    static String first(MultivaluedMap<String, String> form, String name) {
        return form == null ? null : form.getFirst(name);
    }

    /** A page number from a query or form value; absent means the first page. */
    static Integer page(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The page must be a number.", Map.of("page", "not-a-number"));
        }
    }

    static String saved(int changed) {
        return changed == 0 ? "Nothing changed." : "Saved: " + changed + (changed == 1 ? " statement changed." : " statements changed.");
    }
}

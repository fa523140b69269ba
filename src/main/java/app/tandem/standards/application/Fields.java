package app.tandem.standards.application;

import app.tandem.standards.domain.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Shared normalisation and limits for every import format. */
final class Fields {
    /** A UUID in its 8-4-4-4-12 hex form (either case), without a regular expression: checked for every identifier. */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    static final int IDENTIFIER = 255;
    static final int URI = 2000;
    static final int STATEMENT = 20000;
    static final int SHORT_TEXT = 2000;
    static final int CODE = 255;
    static final int LIST_ENUMERATION = 100;
    static final int TYPE = 255;
    static final int LEVELS = 500;
    static final int KEYWORDS = 2000;
    static final int LANGUAGE = 20;
    static final int TITLE = 1000;
    static final int DATE = 40;

    /** CASE 1.0/1.1 association types; {@code ext:} types are allowed too. */
    static final Set<String> ASSOCIATION_TYPES = Set.of("isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes",
            "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf");

    private Fields() {
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** The value, or an error naming the field when it is longer than the column allows (null then). */
    static String limit(String value, int max, String field, String where, ImportReport report) {
        if (value != null && value.length() > max) {
            report.error("field_too_long", "A field is longer than Tandem stores (" + field + ": at most " + max + " characters).",
                    where + " (" + field + ", " + value.length() + " characters)");
            return null;
        }
        return value;
    }

    /**
     * CEDS grade codes: K → KG, 1..13 → 01..13, kept upper case; a comma-separated string is split.
     */
    static List<String> gradeLevels(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            if (r == null) {
                continue;
            }
            for (String part : r.split("[,;|]")) {
                String g = part.strip().toUpperCase(Locale.ROOT);
                if (g.isEmpty()) {
                    continue;
                }
                if (g.equals("K") || g.equals("KINDERGARTEN")) {
                    g = "KG";
                } else if (g.matches("\\d{1,2}")) {
                    int n = Integer.parseInt(g);
                    g = n == 0 ? "KG" : String.format(Locale.ROOT, "%02d", n);
                }
                out.add(g);
            }
        }
        return new ArrayList<>(out);
    }

    static String joinLimited(List<String> values, String sep) {
        return values.isEmpty() ? null : String.join(sep, values);
    }

    static boolean knownAssociationType(String type) {
        return ASSOCIATION_TYPES.contains(type) || (type != null && type.startsWith("ext:") && type.length() > 4);
    }

    /** "isChildOf" for the usual spellings ("Is Child Of", "ischildof", "is_child_of"). */
    static String associationType(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("ext:")) {
            return raw;
        }
        String squashed = raw.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (String t : ASSOCIATION_TYPES) {
            if (t.toLowerCase(Locale.ROOT).equals(squashed)) {
                return t;
            }
        }
        return raw;
    }
}

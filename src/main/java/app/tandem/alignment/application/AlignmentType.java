package app.tandem.alignment.application;

import app.tandem.common.InvalidRequestException;
import java.util.Locale;
import java.util.Map;

/** How an item relates to a standard. */
public enum AlignmentType {
    TEACHES("teaches"),
    PRACTISES("practises"),
    ASSESSES("assesses");

    private final String label;

    AlignmentType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The usual relation of a resource type to its standards: an assessment assesses, an activity practises, the rest teach. */
    public static AlignmentType defaultFor(String resourceType) {
        return switch (resourceType == null ? "" : resourceType) {
            case "assessment" -> ASSESSES;
            case "activity" -> PRACTISES;
            default -> TEACHES;
        };
    }

    /** TEACHES, PRACTISES (or the American PRACTICES), ASSESSES in any case; anything else is a 400 naming the field. */
    public static AlignmentType parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("PRACTICES")) {
            return PRACTISES;
        }
        for (AlignmentType t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new InvalidRequestException(value == null || value.isBlank() ? "Choose how the item relates to the standard: teaches, practises or assesses."
                : "Unknown alignment type “" + cut(value) + "”: use TEACHES, PRACTISES or ASSESSES.", Map.of("type", "TEACHES, PRACTISES or ASSESSES"));
    }

    static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }
}

package app.tandem.alignment.application;

import app.tandem.alignment.domain.StudentViewStore.AlignedRow;
import app.tandem.alignment.domain.StudentViewStore.ItemRow;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What students see of a course, as plain values for pages and JSON: units, each with the standards its
 * student-visible items are aligned to ("I can…" statements), each with those items. Built by {@link #units}, which
 * leaves out notes and items hidden from students whatever the rows say.
 */
public final class LearnModel {

    private LearnModel() {
    }

    /** A student-visible resource of the course map. */
    public record Resource(String itemId, String title, String url, String resourceType, String description, boolean studentVisible) {
        /** The URL when it is http(s) — anything else (javascript:, data:) is never linked. */
        public String safeUrl() {
            return safe(url);
        }

        /** "video", "reading"… in lower case, or null. */
        public String typeLabel() {
            return resourceType == null || resourceType.isBlank() ? null : resourceType.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A standard as students read it.
     *
     * @param statement the chosen "I can…" statement (section, district or official)
     * @param official  the official statement, or null when the standard is no longer in the library
     */
    public record Standard(String standardId, String code, String frameworkId, String frameworkTitle, StatementChoice statement,
                           String official, List<Resource> resources) {
        /** The code without a framework's long prefix ("CCSS.Math.Content.7.RP.A.2" → "7.RP.A.2"). */
        public String shortCode() {
            if (code == null) {
                return null;
            }
            int content = code.indexOf(".Content.");
            return content >= 0 ? code.substring(content + ".Content.".length()) : code;
        }
    }

    public record Unit(String unitId, String title, String description, List<Standard> standards) {
    }

    /** A licence notice that must accompany the statements of a framework (e.g. the CCSS public license). */
    public record Notice(String frameworkTitle, String title, String text) {
    }

    /** The whole student view of a section. */
    public record View(String sectionId, String sectionTitle, List<Unit> units, List<Notice> notices) {
        public boolean empty() {
            return units.isEmpty();
        }

        public int standardCount() {
            return (int) units.stream().flatMap(u -> u.standards().stream()).map(Standard::standardId).distinct().count();
        }
    }

    /** A resource opened from a placed link, with the standards it is aligned to. */
    public record ResourcePage(String sectionId, Resource resource, String unitId, String unitTitle, List<Standard> standards,
                               List<Notice> notices) {
    }

    /** A unit's standards page opened from a placed link. */
    public record UnitPage(String sectionId, Unit unit, List<Notice> notices) {
    }

    /** Statements of the standards of one section and of the district, by standard id. */
    public record Statements(Map<String, String> section, Map<String, String> district) {
        public static final Statements NONE = new Statements(Map.of(), Map.of());

        public StatementChoice choose(String standardId, StandardRef ref, String code) {
            return StatementChoice.choose(section.get(standardId), district.get(standardId), ref == null ? null : ref.statement(), code);
        }
    }

    /** Student-visible content only: never notes, never items hidden from students. */
    public static boolean forStudents(ItemRow item) {
        return item.studentVisible() && !item.note();
    }

    /**
     * Groups alignments by unit, then standard (in course-map order), keeping only what students may see; a
     * standard aligned several ways to one item lists the item once.
     */
    public static List<Unit> units(List<AlignedRow> rows, Map<String, StandardRef> refs, Statements statements) {
        Map<String, ItemRow> units = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Resource>>> byUnit = new LinkedHashMap<>();
        Map<String, AlignedRow> firstOfStandard = new LinkedHashMap<>();
        for (AlignedRow row : rows) {
            ItemRow item = row.item();
            if (!forStudents(item)) {
                continue;
            }
            units.putIfAbsent(item.unitId(), item);
            firstOfStandard.putIfAbsent(row.standardId(), row);
            byUnit.computeIfAbsent(item.unitId(), u -> new LinkedHashMap<>())
                    .computeIfAbsent(row.standardId(), s -> new LinkedHashMap<>())
                    .putIfAbsent(item.itemId(), resource(item));
        }
        List<Unit> result = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Resource>>> u : byUnit.entrySet()) {
            ItemRow unit = units.get(u.getKey());
            List<Standard> standards = new ArrayList<>();
            u.getValue().forEach((standardId, resources) -> standards.add(standard(firstOfStandard.get(standardId), refs, statements,
                    List.copyOf(resources.values()))));
            result.add(new Unit(unit.unitId(), unit.unitTitle(), unit.unitDescription(), List.copyOf(standards)));
        }
        return List.copyOf(result);
    }

    /** The standards one item is aligned to, in the order of the rows, once each. */
    public static List<Standard> standardsOf(String itemId, List<AlignedRow> rows, Map<String, StandardRef> refs, Statements statements) {
        Map<String, Standard> result = new LinkedHashMap<>();
        for (AlignedRow row : rows) {
            if (row.item().itemId().equals(itemId)) {
                result.computeIfAbsent(row.standardId(), s -> standard(row, refs, statements, List.of()));
            }
        }
        return List.copyOf(result.values());
    }

    static Standard standard(AlignedRow row, Map<String, StandardRef> refs, Statements statements, List<Resource> resources) {
        StandardRef ref = refs.get(row.standardId());
        String code = ref != null && ref.code() != null ? ref.code() : row.standardCode();
        return new Standard(row.standardId(), code, row.frameworkId(), ref == null ? null : ref.frameworkTitle(),
                statements.choose(row.standardId(), ref, code), ref == null ? null : ref.statement(), resources);
    }

    public static Resource resource(ItemRow item) {
        return new Resource(item.itemId(), item.title(), item.url(), item.resourceType(), item.description(), item.studentVisible());
    }

    static String safe(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

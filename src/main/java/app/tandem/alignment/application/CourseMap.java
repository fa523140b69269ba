package app.tandem.alignment.application;

import app.tandem.lti.api.Sections.Section;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A section's course map as a read model: units in order, their items in order, each with its alignments. Built by
 * {@link CourseMaps#map}; for students it holds only student-visible content (no notes, no hidden items, no authors).
 */
public record CourseMap(Section section, boolean teacherView, List<Unit> units) {

    public record Unit(String id, String title, String description, int position, long version, List<Item> items) {
    }

    /**
     * @param kind         RESOURCE, LTI_LINK or NOTE
     * @param ltiLink      the content item JSON of an LTI link (null otherwise)
     */
    public record Item(String id, String unitId, String kind, String title, String url, String resourceType, String description,
                       String ltiLink, boolean studentVisible, int position, long version, List<Alignment> alignments) {
        public boolean note() {
            return "NOTE".equals(kind);
        }

        public boolean ltiLinkItem() {
            return "LTI_LINK".equals(kind);
        }
    }

    /**
     * An alignment with its standard as the catalog knows it now.
     *
     * @param retired  the standard was retired by a later import of its framework: still aligned, flagged
     * @param missing  the standard is no longer in the district's library (the stored code is shown)
     * @param createdByName who aligned it (null for students)
     */
    public record Alignment(String id, String itemId, String standardId, String frameworkId, String frameworkTitle, String code,
                            String statement, AlignmentType type, String createdByName, OffsetDateTime createdAt, boolean retired,
                            boolean missing, String domainLabel, String clusterLabel) {
    }

    /** An entry of the alignment history. */
    public record Event(String itemId, String itemTitle, String standardId, String standardCode, AlignmentType type, String action,
                        String personName, OffsetDateTime occurredAt) {
        public boolean added() {
            return "ADDED".equals(action);
        }
    }

    public int itemCount() {
        return units.stream().mapToInt(u -> u.items().size()).sum();
    }

    public java.util.Optional<Item> item(String itemId) {
        return units.stream().flatMap(u -> u.items().stream()).filter(i -> i.id().equals(itemId)).findFirst();
    }
}

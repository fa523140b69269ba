package app.tandem.coteaching.application;

import app.tandem.lti.api.Sections;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the plan services hand to pages and the API. */
public final class PlanViews {
    private PlanViews() {
    }

    /** A plan as stored: its document and state. */
    public record Plan(String id, String groupId, String districtId, String status, long version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, String updatedByName, OffsetDateTime publishedAt, JsonObject doc) {
        public PlanModel model() {
            return PlanDocs.model(doc);
        }

        public String title() {
            return doc.getString("title");
        }

        public LocalDate date() {
            return LocalDate.parse(doc.getString("date"));
        }

        public Durations durations() {
            return Durations.of(doc);
        }

        public boolean published() {
            return "PUBLISHED".equals(status);
        }
    }

    /** A link group with its sections and teachers. */
    public record Group(String id, String districtId, String name, boolean live, List<Sections.Section> sections,
                        List<Sections.Person> teachers) {
        public List<String> sectionIds() {
            return sections.stream().map(Sections.Section::id).toList();
        }

        /** A teacher reference as people read it. */
        public String teacherName(String ref) {
            if (ref == null || ref.isEmpty()) {
                return "";
            }
            if (ref.equals("ALL")) {
                return "All teachers";
            }
            return teachers.stream().filter(t -> t.id().equals(ref)).map(Sections.Person::name).findFirst().orElse("a former teacher");
        }

        public String teacherNames() {
            return String.join(", ", teachers.stream().map(t -> t.name() == null || t.name().isBlank() ? "(no name)" : t.name()).toList());
        }

        public boolean hasTeacher(String id) {
            return teachers.stream().anyMatch(t -> t.id().equals(id));
        }

        public String sectionTitle(String sectionId) {
            return sections.stream().filter(s -> s.id().equals(sectionId)).map(Sections.Section::displayTitle).findFirst().orElse("another section");
        }
    }

    /** A plan with its group and what the person may do with it. */
    public record Opened(Plan plan, Group group, boolean mayEdit) {
    }

    /** A line of a plan list. */
    public record Summary(String id, String title, PlanModel model, String status, LocalDate date, LocalDate endDate, String startTime,
                          String endTime, String unit, long version, OffsetDateTime updatedAt, String updatedByName) {
    }

    /** A revision of a plan, without its snapshot. */
    public record Revision(long version, String kind, String authorName, OffsetDateTime createdAt, String summary) {
    }

    /** A revision with its document and what it changed against the previous revision. */
    public record RevisionDetail(Revision revision, JsonObject doc, Long previousVersion, List<PlanDiff.Change> changes) {
    }

    public record Comment(String id, String authorId, String authorName, String body, OffsetDateTime createdAt) {
    }

    /** Someone else with the plan open. */
    public record Viewer(String personId, String name, OffsetDateTime lastSeen) {
    }

    /** The student-visible part of a published plan. */
    public record AgendaEntry(String planId, LocalDate date, LocalDate endDate, String startTime, String endTime, String iCan,
                              List<String> steps, List<Map<String, String>> materials) {
    }

    /** The result of a save: stored (maybe after a merge), or conflicts to resolve. */
    public sealed interface Outcome permits Saved, Conflicted {
    }

    /**
     * @param kind        SAVE, MERGE, RESOLVE, RESTORE, … (NONE when nothing changed)
     * @param mergedFrom  the fields taken from someone else's newer save (for a merge), in words
     */
    public record Saved(Plan plan, String kind, String summary, List<String> mergedFrom) implements Outcome {
        public boolean unchanged() {
            return kind.equals("NONE");
        }
    }

    /**
     * @param current   the plan as it is now (the save was not stored)
     * @param merged    the merge, holding the current value at each conflict
     * @param mergedFrom fields merged without conflict from the newer save, in words
     */
    public record Conflicted(Plan current, JsonObject merged, List<ThreeWayMerge.Conflict> conflicts, List<String> mergedFrom)
            implements Outcome {
    }
}

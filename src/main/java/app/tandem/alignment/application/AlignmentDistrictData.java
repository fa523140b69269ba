package app.tandem.alignment.application;

import app.tandem.common.DistrictDataPart;
import app.tandem.lti.api.DistrictScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Alignment's share of a district's data: course settings, course maps (units and items), alignments and their
 * history, dismissed suggestions, "I can…" statements and the coverage roll-up.
 */
@ApplicationScoped
public class AlignmentDistrictData implements DistrictDataPart {
    private static final String ITEMS = "item_id IN (SELECT id FROM al_item WHERE unit_id IN (SELECT id FROM al_unit WHERE district_id = ?))";

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of("al_alignment", "alignments.jsonl", "Course items aligned to standards: type (teaches, practises, assesses), who and when.", ITEMS),
                Table.of("al_alignment_event", "alignment-history.jsonl", "Every alignment added or removed, kept after the item is gone.",
                        "section_id IN (" + DistrictScope.SECTIONS + ")"),
                Table.of("al_suggestion_dismissal", "dismissed-suggestions.jsonl", "Suggested standards a teacher dismissed for an item.", ITEMS),
                Table.of("al_item", "course-items.jsonl", "Course map items: resources, LTI links and teacher-only notes.",
                        "unit_id IN (SELECT id FROM al_unit WHERE district_id = ?)"),
                Table.of("al_unit", "course-units.jsonl", "Course map units of each section.", "district_id = ?"),
                Table.of("al_section_settings", "course-settings.jsonl", "Each section's grades, subjects, frameworks and school.", "district_id = ?"),
                Table.of("al_student_statement", "student-statements.jsonl", "\"I can…\" statements for students, district-wide or per section.",
                        "district_id = ?"),
                Table.of("al_coverage_section", "coverage-sections.jsonl", "The coverage roll-up per section (derived from the alignments).",
                        "district_id = ?"),
                Table.of("al_coverage_district", "coverage-district.jsonl", "When the district's coverage roll-up last checked for changes.",
                        "district_id = ?"));
    }

    @Override
    public Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
        return DistrictDataPart.forPerson(c, personId,
                "UPDATE al_alignment SET created_by_name = '" + DELETED_PERSON + "' WHERE created_by = ?",
                "UPDATE al_alignment_event SET person_name = '" + DELETED_PERSON + "' WHERE person_id = ?");
    }
}

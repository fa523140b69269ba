package app.tandem.standards.application;

import app.tandem.common.DistrictDataPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The standards library's share of a district's data: the frameworks it imported with their versions, standards,
 * associations and item history, enablement, import jobs and saved CASE providers (without their client secrets).
 * After an erasure this server's search index drops the frameworks at once; other servers drop them at their next
 * minute's check, and never show them before: searches only look in frameworks the searching district has.
 */
@ApplicationScoped
public class StandardsDistrictData implements DistrictDataPart {
    private static final String FRAMEWORKS = "framework_id IN (SELECT id FROM std_framework WHERE district_id = ?)";

    @Inject
    SearchService search;

    @Override
    public int order() {
        return 300;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of("std_enablement", "framework-enablement.jsonl", "Which frameworks the district switched on, for which grades and subjects.",
                        "district_id = ?"),
                Table.of("std_framework_source", "framework-sources.jsonl", "Where frameworks fetched from a CASE provider came from.", FRAMEWORKS),
                Table.of("std_item_history", "standard-history.jsonl", "The state standards had before a re-import changed or retired them.",
                        "item_id IN (SELECT id FROM std_item WHERE " + FRAMEWORKS + ")"),
                Table.of("std_item", "standards.jsonl", "Standards (CASE CFItems) of the district's frameworks.", FRAMEWORKS),
                Table.of("std_association", "standard-associations.jsonl", "Associations between standards (CASE CFAssociations), crosswalks included.",
                        FRAMEWORKS),
                Table.of("std_framework_version", "framework-versions.jsonl", "One row per import of a framework.", FRAMEWORKS),
                Table.of("std_framework", "frameworks.jsonl", "Standards frameworks (CASE CFDocuments) the district imported, with licence notices.",
                        "district_id = ?"),
                Table.of("std_case_provider", "case-providers.jsonl", "Saved CASE providers (address, OAuth client id, scope).", "district_id = ?")
                        .without("secret: stored only encrypted under the server's master key", "client_secret_jwe"),
                Table.of("std_import_job", "import-jobs.jsonl", "Framework import jobs with their validation reports.", "district_id = ?"));
    }

    @Override
    public void erased(String districtId) {
        search.sync(false);
    }
}

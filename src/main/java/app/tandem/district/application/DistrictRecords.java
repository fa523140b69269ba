package app.tandem.district.application;

import app.tandem.common.DistrictDataPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The district slice's share of a district's data: the district row and its audit log. Erased last. */
@ApplicationScoped
public class DistrictRecords implements DistrictDataPart {
    @Inject
    DistrictService districts;

    @Override
    public int order() {
        return 900;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of("district_audit", "audit-log.jsonl", "The district audit log: every coordinator and admin-API change, who and when.",
                        "district_id = ?"),
                Table.of("district", "district.jsonl", "The district itself: id, name, when it was created.", "id = ?"));
    }

    @Override
    public void erased(String districtId) {
        districts.forget(districtId);
    }
}

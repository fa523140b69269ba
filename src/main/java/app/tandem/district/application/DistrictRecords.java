package app.tandem.district.application;

import app.tandem.common.DistrictDataPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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
    public Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
        return DistrictDataPart.forPerson(c, personId, "UPDATE district_audit SET actor_name = '" + DELETED_PERSON + "' WHERE actor_id = ?");
    }

    @Override
    public void erased(String districtId) {
        districts.forget(districtId);
    }
}

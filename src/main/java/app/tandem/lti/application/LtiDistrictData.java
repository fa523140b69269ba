package app.tandem.lti.application;

import app.tandem.common.DistrictDataPart;
import app.tandem.common.Jdbc;
import app.tandem.lti.api.DistrictScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lti's share of a district's data: the platforms and deployments it uses, the people and sections launches and
 * rosters brought, memberships, registration links and dynamic registrations. Launch sessions are erased, never
 * exported; used nonces and the tool's own keys belong to no district (nonces expire within minutes).
 */
@ApplicationScoped
public class LtiDistrictData implements DistrictDataPart {
    static final String SECTIONS_WHERE = "section_id IN (" + DistrictScope.SECTIONS + ")";

    @Inject
    RegistrationService registrations;

    @Inject
    CoordinatorGrantDirectory grants;

    @Override
    public int order() {
        return 800;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.notExported("launch_session", "Sign-in sessions of the last 8 hours: bearer secrets, not records.", "district_id = ?"),
                Table.of("membership", "memberships.jsonl", "Who is in which section, with the LTI roles and Tandem roles of their last launch or roster read.",
                        SECTIONS_WHERE),
                Table.of("lti_dynamic_registration", "dynamic-registrations.jsonl", "LMS registrations made through a registration link.",
                        "district_id = ?"),
                Table.of("lti_registration_link", "registration-links.jsonl", "Registration links created for the district's LMS administrators.",
                        "district_id = ?").without("secret: only a hash and prefix of the link's token", "token_hash", "token_prefix"),
                Table.of("section", "sections.jsonl", "Courses and sections (LTI contexts) launched or rostered, with their LMS service addresses.",
                        "district_id = ?"),
                Table.of("coordinator_grant", "coordinator-grants.jsonl",
                        "People the district's coordinators (or the admin API) made coordinators in Tandem: who granted it, when.", "district_id = ?"),
                Table.of("person", "people.jsonl", "People as the LMS sent them: LMS user id (subject), name and email.",
                        "id IN (" + DistrictScope.PEOPLE + ")"),
                Table.of("lti_deployment", "deployments.jsonl", "LTI deployments mapped to the district.", "district_id = ?"),
                Table.of("platform_registration", "platform-registrations.jsonl",
                        "The LMS platforms (issuer, client id, endpoints) the district's deployments belong to; a platform shared with another district is exported but kept at erasure.",
                        "id IN (" + DistrictScope.REGISTRATIONS + ")"));
    }

    @Override
    public List<LeftOut> leftOut() {
        return List.of(new LeftOut("lti_nonce", "Used launch nonces: replay protection kept for minutes, tied to no district."),
                new LeftOut("tool_key", "Tandem's own signing keys (private keys encrypted): the server's, not the district's."));
    }

    /**
     * Erases in dependency order. The people and the registrations to delete are decided first, while memberships,
     * sessions and deployments still tell whom and what another district also uses: people seen in another district
     * and registrations another district uses stay.
     */
    @Override
    public Map<String, Integer> erase(Connection c, String districtId) throws SQLException {
        List<String> people = Jdbc.query(c, DistrictScope.OWN_PEOPLE, rs -> rs.getString(1), DistrictDataPart.arguments(DistrictScope.OWN_PEOPLE, districtId));
        List<String> own = Jdbc.query(c, DistrictScope.OWN_REGISTRATIONS, rs -> rs.getString(1), DistrictDataPart.arguments(DistrictScope.OWN_REGISTRATIONS, districtId));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (Table t : tables()) {
            int n;
            switch (t.name()) {
                case "person" -> n = deleteIds(c, "person", people);
                case "platform_registration" -> n = deleteIds(c, "platform_registration", own);
                default -> n = Jdbc.exec(c, "DELETE FROM " + t.name() + " WHERE " + t.where(), t.arguments(districtId));
            }
            deleted.put(t.name(), n);
        }
        return deleted;
    }

    private static int deleteIds(Connection c, String table, List<String> ids) throws SQLException {
        int[] n = {0};
        Jdbc.<String, SQLException>inChunks(ids, 500, (chunk, marks) -> n[0] += Jdbc.exec(c, "DELETE FROM " + table + " WHERE id IN (" + marks + ")", chunk.toArray()));
        return n[0];
    }

    /** The person's sessions, memberships and person row (their calendar feeds go with it: ON DELETE CASCADE). */
    @Override
    public Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
        if (grants != null) { // a re-created person of the same LMS user must not inherit a cached grant
            grants.evict();
        }
        return DistrictDataPart.forPerson(c, personId,
                "DELETE FROM launch_session WHERE person_id = ?",
                "DELETE FROM coordinator_grant WHERE person_id = ?",
                "UPDATE coordinator_grant SET granted_by_name = '" + DELETED_PERSON + "' WHERE granted_by = ?",
                "DELETE FROM membership WHERE person_id = ?",
                "DELETE FROM person WHERE id = ?");
    }

    @Override
    public void erased(String districtId) {
        registrations.evictLookups();
        grants.evict();
    }
}

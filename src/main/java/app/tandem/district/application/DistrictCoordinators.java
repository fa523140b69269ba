package app.tandem.district.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.CoordinatorGrants;
import app.tandem.lti.api.CoordinatorGrants.Candidate;
import app.tandem.lti.api.CoordinatorGrants.Grant;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Coordinators granted in Tandem (docs/operations.md, "Coordinators"): a district's coordinators, and the admin API,
 * grant the eLearning coordinator role to people who teach in the district, and revoke it. Every change is in the
 * district audit log, written in the change's transaction ({@link CoordinatorChanges}).
 */
@ApplicationScoped
public class DistrictCoordinators {
    private static final Pattern PERSON = Pattern.compile("^[A-Za-z0-9-]{1,36}$");
    private static final int MAX_SEARCH = 100;

    @Inject
    CoordinatorGrants grants;

    @Inject
    CoordinatorChanges changes;

    public List<Grant> list(LaunchContext launch) {
        requireCoordinator(launch);
        return grants.list(launch.districtId());
    }

    /** Any district's grants, for the admin API. */
    public List<Grant> list(String districtId) {
        return grants.list(districtId);
    }

    /** People who teach in the district whose name or email contains the text (fewer than 2 characters: none). */
    public List<Candidate> candidates(LaunchContext launch, String text) {
        requireCoordinator(launch);
        if (text != null && text.length() > MAX_SEARCH) {
            throw new InvalidRequestException("Search for at most " + MAX_SEARCH + " characters of a name or email.", Map.of("q", "too long"));
        }
        return grants.candidates(launch.districtId(), text);
    }

    /** Grants the role; false when the person had it already. */
    public boolean grant(LaunchContext launch, String personId) {
        requireCoordinator(launch);
        return grant(launch.districtId(), personId, AuditTrail.Actor.coordinator(launch.personId(), launch.personName()));
    }

    /** Revokes a grant; a coordinator cannot revoke their own (another coordinator must, so nobody locks themselves out by mistake). */
    public boolean revoke(LaunchContext launch, String personId) {
        requireCoordinator(launch);
        if (launch.personId().equals(personId)) {
            throw new InvalidRequestException("You cannot revoke your own coordinator role: ask another coordinator of your district.",
                    Map.of("person", "yourself"));
        }
        return changes.revoke(launch.districtId(), checked(personId), AuditTrail.Actor.coordinator(launch.personId(), launch.personName()));
    }

    public boolean grant(String districtId, String personId, AuditTrail.Actor actor) {
        String id = checked(personId);
        try {
            return changes.grant(districtId, id, actor);
        } catch (PersistenceException | TransactionalException e) {
            // Two grants of the same person at once: the other one inserted the row first.
            if (grants.list(districtId).stream().anyMatch(g -> g.personId().equals(id))) {
                return false;
            }
            throw e;
        }
    }

    public boolean revoke(String districtId, String personId, AuditTrail.Actor actor) {
        return changes.revoke(districtId, checked(personId), actor);
    }

    private static String checked(String personId) {
        if (personId == null || !PERSON.matcher(personId).matches()) {
            throw new InvalidRequestException("Choose a person: a person id from the list.", Map.of("person", "a person id"));
        }
        return personId;
    }

    public static void requireCoordinator(LaunchContext launch) {
        CoordinatorOnly.require(launch, "manage coordinators");
    }
}

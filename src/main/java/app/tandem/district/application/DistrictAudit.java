package app.tandem.district.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Paged;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading the district audit log (docs/operations.md, "Audit log"): a district's coordinators read their own
 * district's entries, the admin API any district's. Query parameters are checked here: a bad one is a 400 naming it.
 */
@ApplicationScoped
public class DistrictAudit {
    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9.-]{0,59}$");
    private static final Pattern PERSON = Pattern.compile("^[A-Za-z0-9._:-]{1,36}$");

    @Inject
    AuditTrail trail;

    /** A checked query: page from 1, optional action code and person id. */
    public record Query(int page, String action, String person) {
        public AuditTrail.Filter filter() {
            return new AuditTrail.Filter(action, person);
        }
    }

    /** The launch's district's log (coordinators only: others 403). */
    public Paged<AuditTrail.Entry> page(LaunchContext launch, Query q) {
        requireCoordinator(launch);
        return trail.page(launch.districtId(), q.page(), q.filter());
    }

    public AuditTrail.Choices choices(LaunchContext launch) {
        requireCoordinator(launch);
        return trail.choices(launch.districtId());
    }

    /** Any district's log, for the admin API. */
    public Paged<AuditTrail.Entry> page(String districtId, Query q) {
        return trail.page(districtId, q.page(), q.filter());
    }

    public static void requireCoordinator(LaunchContext launch) {
        CoordinatorOnly.require(launch, "read the audit log");
    }

    /** Checks the query parameters (each may be null or blank: page 1, all actions, everyone). */
    public static Query query(String page, String action, String person) {
        int p = 1;
        if (page != null && !page.isBlank()) {
            try {
                p = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                p = 0;
            }
            if (p < 1 || p > 1_000_000) {
                throw new InvalidRequestException("The page must be a whole number from 1.", Map.of("page", "a whole number from 1"));
            }
        }
        String a = action == null || action.isBlank() ? null : action.strip();
        if (a != null && !ACTION.matcher(a).matches()) {
            throw new InvalidRequestException("The action must be an action code such as framework.enabled.", Map.of("action", "an action code"));
        }
        String who = person == null || person.isBlank() ? null : person.strip();
        if (who != null && !PERSON.matcher(who).matches()) {
            throw new InvalidRequestException("The person must be a person id from the log.", Map.of("person", "a person id"));
        }
        return new Query(p, a, who);
    }
}

package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.domain.CalendarStore;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * "Cancel this lesson": the teachers who may change a plan remove it (with its revisions and comments); a
 * tombstone stays so that calendar feeds announce the cancellation (STATUS:CANCELLED) and subscribed calendars
 * remove the event. Anything else that deletes plans must go through here, or calendars keep a lesson that no
 * longer exists.
 */
@ApplicationScoped
public class PlanCancellations {
    @Inject
    Plans plans;

    @Inject
    PlanAccess access;

    @Inject
    CalendarStore store;

    /** Cancels the plan at the version the person saw ({@code version}; null: the current one); its title. */
    public String cancel(LaunchContext launch, String planId, Long version) {
        PlanViews.Opened o = plans.open(launch, planId);
        if (!o.mayEdit()) {
            if (!launch.is(AppRole.TEACHER)) {
                throw new InvalidRequestException(403, "Coordinators can read co-teaching plans but not change them.", Map.of("role", "coordinator"));
            }
            throw new InvalidRequestException(409, "This link group was dissolved: its plans can be read but not changed.", Map.of("group", "dissolved"));
        }
        long seen = version == null ? o.plan().version() : version;
        if (seen != o.plan().version()) {
            throw stale(o);
        }
        String name = launch.personName() == null || launch.personName().isBlank() ? "A teacher" : launch.personName();
        if (!store.cancel(planId, seen, launch.personId(), name, OffsetDateTime.now(ZoneOffset.UTC))) {
            throw stale(o);
        }
        return o.plan().title();
    }

    private static InvalidRequestException stale(PlanViews.Opened o) {
        return new InvalidRequestException(409, "Someone saved \u201c" + o.plan().title() + "\u201d meanwhile: open it again, check the "
                + "changes, then cancel it if you still want to.", Map.of("version", "stale"));
    }
}

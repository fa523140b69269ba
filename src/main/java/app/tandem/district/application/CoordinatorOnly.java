package app.tandem.district.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import java.util.Map;

/** The district pages' one role check: a 403 naming what only the district's coordinators may do. */
final class CoordinatorOnly {
    private CoordinatorOnly() {
    }

    /** @param what what the person tried, as the end of "Only your district's eLearning coordinators can …" */
    static void require(LaunchContext launch, String what) {
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only your district's eLearning coordinators can " + what + ".", Map.of("role", "coordinator"));
        }
    }
}

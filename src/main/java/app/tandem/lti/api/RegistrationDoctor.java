package app.tandem.lti.api;

import java.util.List;

/** Checks a platform registration end to end and explains every problem with a fix an administrator can apply. */
public interface RegistrationDoctor {

    enum Status { OK, WARN, FAIL }

    record Check(String name, Status status, String finding, String fix) {
    }

    record Report(String registrationId, String registrationName, String issuer, List<Check> checks) {
        public Status overall() {
            return checks.stream().map(Check::status).max(Enum::compareTo).orElse(Status.OK);
        }
    }

    /** Registrations with a deployment mapped to the district, as (id, name) pairs. */
    List<PlatformRegistrations.Registration> registrationsOf(String districtId);

    /** Runs every check; empty when there is no such registration. */
    java.util.Optional<Report> examine(String registrationId);
}

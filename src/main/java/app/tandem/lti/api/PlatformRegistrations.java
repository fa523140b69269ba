package app.tandem.lti.api;

import java.util.List;
import java.util.Optional;

/** Registers LMS platforms and their deployments (admin API, demo LMS, and later dynamic registration). */
public interface PlatformRegistrations {

    record Registration(String id, String issuer, String clientId, String name, String authEndpoint,
                        String tokenEndpoint, String jwksUrl, List<String> frameOrigins, List<Deployment> deployments) {
    }

    record Deployment(String id, String deploymentId, String districtId, String label) {
    }

    record RegistrationInput(String issuer, String clientId, String name, String authEndpoint,
                             String tokenEndpoint, String jwksUrl, List<String> frameOrigins) {
    }

    List<Registration> list();

    Optional<Registration> get(String id);

    Optional<Registration> find(String issuer, String clientId);

    /** Creates a registration; invalid values raise {@link app.tandem.common.InvalidRequestException}. */
    Registration create(RegistrationInput input);

    Registration update(String id, RegistrationInput input);

    boolean delete(String id);

    Deployment addDeployment(String registrationId, String deploymentId, String districtId, String label);

    Deployment mapDeployment(String registrationId, String deploymentRowId, String districtId, String label);

    boolean removeDeployment(String registrationId, String deploymentRowId);
}

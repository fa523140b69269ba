package app.tandem.lti.application;

import app.tandem.lti.domain.DeploymentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Canvas answers a dynamic registration with a client_id only: the deployment_id exists once the tool is installed
 * in an account, and Tandem first sees it in a launch. For registrations made through a link whose platform named
 * no deployment, a deployment first seen in a <em>validated</em> launch (signed by that platform, for that
 * client_id) is mapped to the link's district. Login initiation only lets such a deployment through; it never
 * writes, since anyone can send one.
 */
@ApplicationScoped
public class DeploymentAdoption {
    private static final Logger LOG = Logger.getLogger(DeploymentAdoption.class.getName());

    @Inject
    DynamicRegistrationStore store;

    @Inject
    RegistrationService registrations;

    /** Whether unknown deployments of this registration are adopted at their first validated launch. */
    public boolean adopts(String registrationId) {
        return store.adoptionDistrict(registrationId).isPresent();
    }

    /** Maps the deployment to the registration's adoption district, when it has one; call only for a validated launch. */
    public Optional<DeploymentEntity> adopt(String registrationId, String deploymentId) {
        if (deploymentId == null || deploymentId.isBlank() || deploymentId.length() > 255) {
            return Optional.empty();
        }
        Optional<String> district = store.adoptionDistrict(registrationId);
        if (district.isEmpty()) {
            return Optional.empty();
        }
        try {
            store.insertDeployment(registrationId, deploymentId, district.get(), Instant.now());
            LOG.info(() -> "LTI deployment adopted registration=" + registrationId + " deployment_id="
                    + deploymentId.replaceAll("[\\r\\n\\t]", " ") + " district=" + district.get());
        } catch (RuntimeException e) {
            // another launch (or server) adopted it at the same moment; the lookup below finds its row
        }
        return registrations.deployment(registrationId, deploymentId);
    }
}

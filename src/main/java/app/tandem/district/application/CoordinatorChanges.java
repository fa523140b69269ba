package app.tandem.district.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.CoordinatorGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/** A grant or revocation and its audit entry in one JTA transaction: both are written or neither. */
@ApplicationScoped
class CoordinatorChanges {
    @Inject
    CoordinatorGrants grants;

    @Inject
    AuditTrail audit;

    @Transactional
    public boolean grant(String districtId, String personId, AuditTrail.Actor actor) {
        boolean created;
        try {
            created = grants.grant(districtId, personId, actor.personId(), actor.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("That person does not teach in your district. Only people who teach in a section of the "
                    + "district can be made coordinators here.", Map.of("person", "not a teacher of the district"));
        }
        if (created) {
            audit.record(districtId, actor, "coordinator.granted", target(districtId, personId), null);
        }
        return created;
    }

    @Transactional
    public boolean revoke(String districtId, String personId, AuditTrail.Actor actor) {
        AuditTrail.Target target = target(districtId, personId);
        boolean revoked = grants.revoke(districtId, personId);
        if (revoked) {
            audit.record(districtId, actor, "coordinator.revoked", target, "their open sessions in the district lost the role");
        }
        return revoked;
    }

    private AuditTrail.Target target(String districtId, String personId) {
        String name = grants.list(districtId).stream().filter(g -> g.personId().equals(personId)).map(CoordinatorGrants.Grant::name)
                .findFirst().orElse(null);
        return AuditTrail.Target.of("person", personId, name);
    }
}

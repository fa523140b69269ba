package app.tandem.coteaching.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.domain.DistrictPolicyEntity;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** The district co-teaching policy: read by linking, course maps (through LinkedSections) and plans; set by coordinators. */
@ApplicationScoped
public class CoteachingPolicies {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    LinkAudit audit;

    @Inject
    AuditTrail trail;

    /** The district's policy, or the defaults when its coordinators never saved one. */
    public LinkPolicy of(String districtId) {
        DistrictPolicyEntity e = districtId == null ? null : em.find(DistrictPolicyEntity.class, districtId);
        return e == null ? LinkPolicy.defaults()
                : new LinkPolicy(e.allowCrossPlatform, e.maxGroupSize, e.linkedMayEdit, e.plansMayNameStudents, e.version);
    }

    /**
     * Saves the launch's district's policy (coordinators only) and logs what changed.
     *
     * @param expectedVersion the version the form showed; a different stored version means someone saved in between (409)
     */
    @Transactional
    public LinkPolicy save(LaunchContext launch, LinkPolicy wanted, Long expectedVersion) {
        requireCoordinator(launch);
        DistrictPolicyEntity e = em.find(DistrictPolicyEntity.class, launch.districtId(), LockModeType.PESSIMISTIC_WRITE);
        LinkPolicy before = of(launch.districtId());
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new InvalidRequestException(409, "Another coordinator changed the policy while you were editing it. Look at the policy as it is now and save again.",
                    Map.of("version", "stale"));
        }
        if (e == null) {
            e = new DistrictPolicyEntity();
            e.districtId = launch.districtId();
            em.persist(e);
        }
        e.allowCrossPlatform = wanted.allowCrossPlatform();
        e.maxGroupSize = wanted.maxGroupSize();
        e.linkedMayEdit = wanted.linkedMayEdit();
        e.plansMayNameStudents = wanted.plansMayNameStudents();
        e.updatedBy = launch.personId();
        e.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String changes = wanted.changesFrom(before);
        if (!changes.isEmpty()) {
            audit.record(launch.districtId(), launch, LinkAudit.Action.POLICY_CHANGED, null, null, null, null, changes);
            // link changes stay in the link log only; the policy is a coordinator action of the district audit log too
            trail.record(launch.districtId(), AuditTrail.Actor.coordinator(launch.personId(), launch.personName()), "coteaching.policy-changed",
                    AuditTrail.Target.of("policy", launch.districtId(), "Co-teaching policy"), changes);
        }
        em.flush();
        return new LinkPolicy(e.allowCrossPlatform, e.maxGroupSize, e.linkedMayEdit, e.plansMayNameStudents, e.version);
    }

    public static void requireCoordinator(LaunchContext launch) {
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only your district's eLearning coordinators can see and set the co-teaching policy.",
                    Map.of("role", "coordinator"));
        }
    }
}

package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.coteaching.application.LinkViews.CoTeacher;
import app.tandem.coteaching.application.LinkViews.Group;
import app.tandem.coteaching.application.LinkViews.Invitation;
import app.tandem.coteaching.application.LinkViews.InvitationStatus;
import app.tandem.coteaching.application.LinkViews.Member;
import app.tandem.coteaching.application.LinkViews.NewInvitation;
import app.tandem.coteaching.application.LinkViews.Preview;
import app.tandem.coteaching.application.LinkViews.SectionTeachers;
import app.tandem.coteaching.domain.GroupSectionEntity;
import app.tandem.coteaching.domain.InvitationEntity;
import app.tandem.coteaching.domain.LinkGroupEntity;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Rosters;
import app.tandem.lti.api.Sections;
import app.tandem.lti.api.Sections.Section;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Link groups of sections and the invitations that build them. Every method authorizes its launch: invitations and
 * joins need a teacher of the section concerned, a group is seen and changed only by teachers of its sections,
 * anything of another district is "not found". Every change is written to the {@link LinkAudit} log in the same
 * transaction.
 */
@ApplicationScoped
public class LinkGroups {
    public static final int DEFAULT_EXPIRY_DAYS = 7;
    public static final int MAX_EXPIRY_DAYS = 30;
    public static final int MAX_OPEN_INVITATIONS = 20;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Sections sections;

    @Inject
    Rosters rosters;

    @Inject
    CoteachingPolicies policies;

    @Inject
    LinkAudit audit;

    // ---- access

    /** Whether the launch's person teaches the section (the launch's own, or an active teacher membership). */
    public boolean teaches(LaunchContext launch, String sectionId) {
        return sectionId != null && (sectionId.equals(launch.sectionId()) && launch.is(AppRole.TEACHER)
                || sections.hasRole(launch.personId(), sectionId, AppRole.TEACHER));
    }

    /** A section of the launch's district that the person teaches: 404 for unknown or other districts, 403 otherwise. */
    public Section taughtSection(LaunchContext launch, String sectionId) {
        if (sectionId == null || sectionId.isBlank()) {
            throw new InvalidRequestException("Choose one of your sections.", Map.of("sectionId", "required"));
        }
        Section section = sections.section(sectionId).filter(s -> s.districtId().equals(launch.districtId()))
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such course section in your district.", Map.of("sectionId", "unknown")));
        if (!teaches(launch, sectionId)) {
            throw new InvalidRequestException(403, "Only the teachers of " + section.displayTitle() + " can link it with other sections.",
                    Map.of("sectionId", "not-your-section"));
        }
        return section;
    }

    /** A live group of the launch's district that the person teaches a section of: 404 / 403 otherwise. */
    public Group visibleGroup(LaunchContext launch, String groupId) {
        Group group = liveGroup(groupId).filter(g -> g.districtId().equals(launch.districtId()))
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such link group in your district.", Map.of("group", "unknown")));
        if (group.sections().stream().noneMatch(m -> teaches(launch, m.section().id()))) {
            throw new InvalidRequestException(403, "Only the teachers of a link group's sections can see it.", Map.of("group", "forbidden"));
        }
        return group;
    }

    // ---- reading

    /** The live group of a section, if any. */
    public Optional<Group> groupOfSection(String sectionId) {
        return groupIdOf(sectionId).flatMap(this::liveGroup);
    }

    /** The live groups of the sections the person teaches in the launch's district. */
    public List<Group> groupsOf(LaunchContext launch) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Section s : myDistrictSections(launch)) {
            groupOfSection(s.id()).ifPresent(g -> groups.putIfAbsent(g.id(), g));
        }
        return List.copyOf(groups.values());
    }

    /** The sections the person teaches in the launch's district (the launch's own first). */
    public List<Section> myDistrictSections(LaunchContext launch) {
        List<Section> mine = new ArrayList<>();
        if (launch.hasSection() && launch.is(AppRole.TEACHER)) {
            sections.section(launch.sectionId()).ifPresent(mine::add);
        }
        sections.taughtBy(launch.personId()).stream()
                .filter(s -> s.districtId().equals(launch.districtId()) && !s.id().equals(launch.sectionId()))
                .forEach(mine::add);
        return mine;
    }

    /** Each section's teachers with their roles, from launches and the LMS roster (NRPS) where it was read. */
    public List<SectionTeachers> coTeachers(Group group) {
        List<SectionTeachers> out = new ArrayList<>();
        for (Member m : group.sections()) {
            Rosters.Roster roster = rosters.roster(m.section().id());
            Map<String, Rosters.Member> byName = new HashMap<>();
            roster.members().stream().filter(Rosters.Member::active).filter(r -> r.name() != null).forEach(r -> byName.putIfAbsent(r.name(), r));
            List<CoTeacher> teachers = sections.members(m.section().id(), AppRole.TEACHER).stream().map(p -> {
                Rosters.Member r = p.name() == null ? null : byName.get(p.name());
                List<String> roles = r == null ? List.of(AppRole.TEACHER.label())
                        : r.roles().stream().sorted().map(AppRole::label).toList();
                return new CoTeacher(p.id(), p.name() == null ? "(name not shared by the LMS)" : p.name(), roles, r == null || r.launchedTandem());
            }).toList();
            out.add(new SectionTeachers(m.section(), m.joinedAt(), teachers));
        }
        return out;
    }

    /** Live link groups of a district. */
    public long liveGroups(String districtId) {
        return em.createQuery("select count(g) from LinkGroupEntity g where g.districtId = :d and g.dissolvedAt is null", Long.class)
                .setParameter("d", districtId).getSingleResult();
    }

    /** Open invitations of a section the person teaches, newest first. */
    public List<Invitation> openInvitations(LaunchContext launch, String sectionId) {
        taughtSection(launch, sectionId);
        OffsetDateTime now = now();
        return em.createQuery("select i from InvitationEntity i where i.sectionId = :s and i.usedAt is null and i.revokedAt is null "
                        + "and i.expiresAt > :now order by i.createdAt desc, i.id", InvitationEntity.class)
                .setParameter("s", sectionId).setParameter("now", now).getResultStream().map(i -> view(i, now)).toList();
    }

    // ---- invitations

    /**
     * A new invitation to link with the section; the code is in the answer only.
     *
     * @param days validity in days (null: {@value #DEFAULT_EXPIRY_DAYS})
     */
    @Transactional
    public NewInvitation invite(LaunchContext launch, String sectionId, String label, Integer days) {
        Section section = taughtSection(launch, sectionId);
        int validDays = days == null ? DEFAULT_EXPIRY_DAYS : days;
        if (validDays < 1 || validDays > MAX_EXPIRY_DAYS) {
            throw new InvalidRequestException("An invitation is valid for 1 to " + MAX_EXPIRY_DAYS + " days.", Map.of("days", "1 to " + MAX_EXPIRY_DAYS));
        }
        String cleanLabel = label == null || label.isBlank() ? null : label.strip();
        if (cleanLabel != null && cleanLabel.length() > 200) {
            throw new InvalidRequestException("The note is too long (at most 200 characters).", Map.of("label", "at most 200 characters"));
        }
        Optional<Group> group = groupOfSection(sectionId);
        LinkPolicy policy = policies.of(launch.districtId());
        if (group.isPresent() && group.get().sections().size() >= policy.maxGroupSize()) {
            throw new InvalidRequestException(409, "This link group is full: your district allows at most " + policy.maxGroupSize()
                    + " sections in a link group.", Map.of("sectionId", "group-full"));
        }
        OffsetDateTime now = now();
        long open = em.createQuery("select count(i) from InvitationEntity i where i.sectionId = :s and i.usedAt is null "
                        + "and i.revokedAt is null and i.expiresAt > :now", Long.class)
                .setParameter("s", sectionId).setParameter("now", now).getSingleResult();
        if (open >= MAX_OPEN_INVITATIONS) {
            throw new InvalidRequestException(409, "This section already has " + MAX_OPEN_INVITATIONS
                    + " open invitations. Revoke some you no longer need first.", Map.of("sectionId", "too-many-invitations"));
        }
        String code = InvitationCodes.generate();
        InvitationEntity i = new InvitationEntity();
        i.id = Tokens.newId();
        i.districtId = launch.districtId();
        i.sectionId = sectionId;
        i.codeHash = InvitationCodes.hash(code);
        i.label = cleanLabel;
        i.createdBy = launch.personId();
        i.createdByName = LinkAudit.cut(launch.personName(), 300);
        i.createdAt = now;
        i.expiresAt = now.plus(Duration.ofDays(validDays));
        em.persist(i);
        audit.record(launch.districtId(), launch, LinkAudit.Action.INVITED, group.map(Group::id).orElse(null), group.map(Group::name).orElse(null),
                section, null, "valid until " + DAY.format(i.expiresAt) + (cleanLabel == null ? "" : "; note: " + cleanLabel));
        return new NewInvitation(view(i, now), InvitationCodes.display(code));
    }

    /** Revokes an open invitation of a section the person teaches. */
    @Transactional
    public Invitation revoke(LaunchContext launch, String invitationId) {
        InvitationEntity i = invitationId == null ? null : em.find(InvitationEntity.class, invitationId, LockModeType.PESSIMISTIC_WRITE);
        if (i == null || !i.districtId.equals(launch.districtId())) {
            throw new InvalidRequestException(404, "There is no such invitation in your district.", Map.of("invitation", "unknown"));
        }
        Section section = taughtSection(launch, i.sectionId);
        OffsetDateTime now = now();
        if (!i.open(now)) {
            throw new InvalidRequestException(409, "This invitation can no longer be used (it was used, revoked or has expired), so there is nothing to revoke.",
                    Map.of("invitation", "closed"));
        }
        i.revokedAt = now;
        i.revokedBy = launch.personId();
        Optional<Group> group = groupOfSection(i.sectionId);
        audit.record(launch.districtId(), launch, LinkAudit.Action.INVITATION_REVOKED, group.map(Group::id).orElse(null),
                group.map(Group::name).orElse(null), section, null, i.label == null ? null : "note: " + i.label);
        return view(i, now);
    }

    // ---- joining

    /** What entering the code for the section would do, or why it would be refused; changes nothing. */
    public Preview preview(LaunchContext launch, String code, String sectionId) {
        InvitationEntity invitation = openInvitation(launch, code);
        Situation s = situation(launch, invitation, sectionId, false);
        return new Preview(s.inviting, s.joining, s.group == null ? null : s.group.name, s.group == null ? 2 : s.size + 1,
                sections.members(s.inviting.id(), AppRole.TEACHER).stream().map(p -> p.name() == null ? "(name not shared)" : p.name()).toList());
    }

    /**
     * Links the section with the invitation's section: both end up in one group (the inviting section's, created when
     * it has none). The code is used up.
     */
    @Transactional
    public Group join(LaunchContext launch, String code, String sectionId) {
        InvitationEntity invitation = openInvitation(launch, code);
        Situation s = situation(launch, invitation, sectionId, true);
        OffsetDateTime now = now();
        int consumed = em.createQuery("update InvitationEntity i set i.usedAt = :now, i.usedBy = :p, i.usedSectionId = :s "
                        + "where i.id = :id and i.usedAt is null and i.revokedAt is null")
                .setParameter("now", now).setParameter("p", launch.personId()).setParameter("s", s.joining.id())
                .setParameter("id", invitation.id).executeUpdate();
        if (consumed != 1) {
            throw new InvalidCodeException();
        }
        LinkGroupEntity group = s.group;
        OffsetDateTime joinedAt = now;
        if (group == null) {
            group = new LinkGroupEntity();
            group.id = Tokens.newId();
            group.districtId = s.inviting.districtId();
            group.name = LinkAudit.cut(s.inviting.displayTitle() + " + " + s.joining.displayTitle(), 300);
            group.createdBy = invitation.createdBy;
            group.createdAt = now;
            em.persist(group);
            em.flush();
            em.persist(membership(group.id, s.inviting.id(), invitation.createdBy, now));
            joinedAt = now.plusNanos(1_000); // listed after the inviting section
            audit.record(group.districtId, launch, LinkAudit.Action.CREATED, group.id, group.name, s.inviting, null,
                    "invitation created by " + nameOr(invitation.createdByName) + " on " + DAY.format(invitation.createdAt));
        }
        em.persist(membership(group.id, s.joining.id(), launch.personId(), joinedAt));
        audit.record(group.districtId, launch, LinkAudit.Action.JOINED, group.id, group.name, s.joining, s.inviting,
                "with the invitation of " + nameOr(invitation.createdByName) + " created on " + DAY.format(invitation.createdAt));
        em.flush();
        return liveGroup(group.id).orElseThrow();
    }

    /** Takes one of the person's sections out of a group; the group is dissolved when no section is left. */
    @Transactional
    public Optional<Group> leave(LaunchContext launch, String groupId, String sectionId) {
        Group group = visibleGroup(launch, groupId);
        if (sectionId == null || !group.contains(sectionId)) {
            throw new InvalidRequestException(404, "That section is not in this link group.", Map.of("sectionId", "not-in-group"));
        }
        Section section = taughtSection(launch, sectionId);
        LinkGroupEntity entity = locked(groupId);
        int removed = em.createQuery("delete from GroupSectionEntity m where m.groupId = :g and m.sectionId = :s")
                .setParameter("g", groupId).setParameter("s", sectionId).executeUpdate();
        if (removed != 1) {
            throw new InvalidRequestException(404, "That section is not in this link group.", Map.of("sectionId", "not-in-group"));
        }
        List<GroupSectionEntity> rest = memberRows(groupId);
        audit.record(entity.districtId, launch, LinkAudit.Action.LEFT, entity.id, entity.name, section, null,
                rest.isEmpty() ? "no section left" : rest.size() + (rest.size() == 1 ? " section remains" : " sections remain"));
        if (rest.isEmpty()) {
            entity.dissolvedAt = now();
            audit.record(entity.districtId, launch, LinkAudit.Action.DISSOLVED, entity.id, entity.name, section, null, "its last section left");
            return Optional.empty();
        }
        em.flush();
        return liveGroup(groupId);
    }

    /** Dissolves a group (any teacher of its sections): every section leaves it. */
    @Transactional
    public void dissolve(LaunchContext launch, String groupId) {
        Group group = visibleGroup(launch, groupId);
        LinkGroupEntity entity = locked(groupId);
        em.createQuery("delete from GroupSectionEntity m where m.groupId = :g").setParameter("g", groupId).executeUpdate();
        entity.dissolvedAt = now();
        audit.record(entity.districtId, launch, LinkAudit.Action.DISSOLVED, entity.id, entity.name, null, null,
                "sections: " + group.sections().stream().map(m -> m.section().displayTitle()).collect(Collectors.joining(", ")));
    }

    // ---- internals

    /** Where a join stands, checked against the policy (locks the inviting section's group when {@code lock}). */
    private static final class Situation {
        Section inviting;
        Section joining;
        LinkGroupEntity group;
        int size;
    }

    private Situation situation(LaunchContext launch, InvitationEntity invitation, String sectionId, boolean lock) {
        Situation s = new Situation();
        s.joining = taughtSection(launch, sectionId);
        s.inviting = sections.section(invitation.sectionId).orElseThrow(InvalidCodeException::new);
        Optional<String> invitingGroup = groupIdOf(s.inviting.id());
        if (invitingGroup.isPresent()) {
            s.group = lock ? em.find(LinkGroupEntity.class, invitingGroup.get(), LockModeType.PESSIMISTIC_WRITE)
                    : em.find(LinkGroupEntity.class, invitingGroup.get());
            s.size = memberRows(s.group.id).size();
        }
        Optional<Group> joiningGroup = groupOfSection(s.joining.id());
        LinkPolicy.Situation situation = new LinkPolicy.Situation(s.inviting, s.joining, s.group == null ? null : s.group.id, s.size,
                joiningGroup.map(Group::id).orElse(null), joiningGroup.map(Group::name).orElse(null));
        Optional<InvalidRequestException> refusal = policies.of(s.inviting.districtId()).refusal(situation);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        return s;
    }

    /** The open invitation of the launch's district behind the code, or the one "does not work" answer. */
    private InvitationEntity openInvitation(LaunchContext launch, String code) {
        String canonical = InvitationCodes.normalise(code).orElseThrow(InvalidCodeException::new);
        InvitationEntity i = em.createQuery("select i from InvitationEntity i where i.codeHash = :h", InvitationEntity.class)
                .setParameter("h", InvitationCodes.hash(canonical)).getResultStream().findFirst().orElse(null);
        if (i == null || !i.districtId.equals(launch.districtId()) || !i.open(now())) {
            throw new InvalidCodeException();
        }
        return i;
    }

    /** The group row locked for this transaction; 404 when it was dissolved in the meantime. */
    private LinkGroupEntity locked(String groupId) {
        LinkGroupEntity entity = em.find(LinkGroupEntity.class, groupId, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null || entity.dissolvedAt != null) {
            throw new InvalidRequestException(404, "There is no such link group in your district.", Map.of("group", "unknown"));
        }
        return entity;
    }

    private Optional<String> groupIdOf(String sectionId) {
        if (sectionId == null) {
            return Optional.empty();
        }
        return em.createQuery("select m.groupId from GroupSectionEntity m, LinkGroupEntity g where m.sectionId = :s "
                        + "and g.id = m.groupId and g.dissolvedAt is null", String.class)
                .setParameter("s", sectionId).getResultStream().findFirst();
    }

    private Optional<Group> liveGroup(String groupId) {
        LinkGroupEntity g = groupId == null ? null : em.find(LinkGroupEntity.class, groupId);
        if (g == null || g.dissolvedAt != null) {
            return Optional.empty();
        }
        List<Member> members = memberRows(groupId).stream()
                .flatMap(m -> sections.section(m.sectionId).map(s -> new Member(s, m.joinedAt)).stream()).toList();
        return Optional.of(new Group(g.id, g.districtId, g.name, g.createdAt, members));
    }

    private List<GroupSectionEntity> memberRows(String groupId) {
        return em.createQuery("select m from GroupSectionEntity m where m.groupId = :g", GroupSectionEntity.class)
                .setParameter("g", groupId).getResultStream()
                .sorted(Comparator.comparing((GroupSectionEntity m) -> m.joinedAt).thenComparing(m -> m.sectionId)).toList();
    }

    private static GroupSectionEntity membership(String groupId, String sectionId, String by, OffsetDateTime at) {
        GroupSectionEntity m = new GroupSectionEntity();
        m.groupId = groupId;
        m.sectionId = sectionId;
        m.joinedBy = by;
        m.joinedAt = at;
        return m;
    }

    private static Invitation view(InvitationEntity i, OffsetDateTime now) {
        InvitationStatus status = i.usedAt != null ? InvitationStatus.USED : i.revokedAt != null ? InvitationStatus.REVOKED
                : i.expiresAt.isAfter(now) ? InvitationStatus.OPEN : InvitationStatus.EXPIRED;
        return new Invitation(i.id, i.sectionId, i.label, i.createdByName, i.createdAt, i.expiresAt, status, i.usedAt);
    }

    private static String nameOr(String name) {
        return name == null || name.isBlank() ? "a teacher" : name;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}

package app.tandem.lti.application;

import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.api.PlatformServiceException.Kind;
import app.tandem.lti.api.Rosters;
import app.tandem.lti.domain.MembershipEntity;
import app.tandem.lti.domain.PersonEntity;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import app.tandem.lti.domain.SectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names and Role Provisioning Services 2.0: reads a section's memberships from the LMS, following
 * {@code Link: rel="next"} across pages, and stores them as people and memberships (source "nrps"), so teachers
 * can find their co-teachers and coordinators can count learners. Refreshes at most once per
 * {@link #MIN_INTERVAL} unless forced.
 */
@ApplicationScoped
public class NamesRolesService implements Rosters {
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(5);
    static final String MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    private static final int MAX_MEMBERS = 20_000;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ServiceConnector connector;

    @Inject
    RegistrationService registrations;

    @Inject
    RosterStore rosterStore;

    @Override
    public Roster roster(String sectionId) {
        section(sectionId);
        return rosterStore.read(sectionId);
    }

    @Override
    public Roster refresh(String sectionId, boolean force) {
        SectionEntity section = section(sectionId);
        if (!force && section.rosterSyncedAt != null
                && section.rosterSyncedAt.plus(MIN_INTERVAL).isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return roster(sectionId);
        }
        List<Fetched> fetched = fetch(section, null);
        try {
            rosterStore.store(sectionId, fetched);
        } catch (PersistenceException | TransactionalException e) {
            // another refresh of this section committed first (unique membership): its roster is as fresh as ours
        }
        return roster(sectionId);
    }

    @Override
    public List<Member> query(String sectionId, String roleFilter, String resourceLinkId) {
        StringBuilder query = new StringBuilder();
        if (roleFilter != null && !roleFilter.isBlank()) {
            query.append("role=").append(URLEncoder.encode(roleFilter, StandardCharsets.UTF_8));
        }
        if (resourceLinkId != null && !resourceLinkId.isBlank()) {
            query.append(query.length() > 0 ? "&" : "").append("rlid=").append(URLEncoder.encode(resourceLinkId, StandardCharsets.UTF_8));
        }
        return fetch(section(sectionId), query.toString()).stream()
                .map(f -> new Member(f.subject, f.name, f.email, AppRole.fromLtiRoles(f.roles), f.status, false)).toList();
    }

    record Fetched(String subject, String name, String givenName, String familyName, String email, List<String> roles, String status) {
    }

    private List<Fetched> fetch(SectionEntity section, String query) {
        if (section.nrpsUrl == null) {
            throw new PlatformServiceException(Kind.NOT_OFFERED,
                    "The LMS has not offered its roster service (NRPS) for this course. An LMS administrator can enable the Names and Roles scope for Tandem.", 0);
        }
        PlatformRegistrationEntity reg = registrations.entity(section.registrationId);
        List<Fetched> members = new ArrayList<>();
        String url = Paging.withQuery(section.nrpsUrl, query);
        for (int page = 0; url != null; page++) {
            if (page >= Paging.MAX_PAGES || members.size() > MAX_MEMBERS) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's roster has more pages than Tandem reads.", 0);
            }
            if (Origins.of(url) == null || !Origins.of(url).equals(Origins.of(section.nrpsUrl))) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's next roster page points to another site.", 0);
            }
            ServiceConnector.Answer answer = connector.call(reg, Set.of(ToolConfiguration.SCOPE_NRPS),
                    ServiceConnector.request(url, MEDIA_TYPE).GET());
            JsonValue json = answer.json();
            if (json.getValueType() != JsonValue.ValueType.OBJECT || !(json.asJsonObject().get("members") instanceof jakarta.json.JsonArray array)) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's roster answer has no members list.", answer.status());
            }
            for (JsonValue v : array) {
                if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                    Fetched f = member(v.asJsonObject());
                    if (f != null) {
                        members.add(f);
                    }
                }
            }
            url = Paging.next(answer.raw());
        }
        return members;
    }

    private static Fetched member(JsonObject o) {
        String userId = text(o, "user_id");
        if (userId == null || userId.isBlank() || userId.length() > IdTokenValidator.MAX_SUBJECT_LENGTH) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        if (o.get("roles") instanceof jakarta.json.JsonArray r) {
            r.forEach(v -> {
                if (v instanceof JsonString s) roles.add(s.getString());
            });
        }
        String status = text(o, "status");
        return new Fetched(userId, text(o, "name"), text(o, "given_name"), text(o, "family_name"), text(o, "email"), roles,
                status == null ? "Active" : status);
    }

    private static String text(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private SectionEntity section(String sectionId) {
        SectionEntity s = sectionId == null ? null : em.find(SectionEntity.class, sectionId);
        if (s == null) {
            throw new PlatformServiceException(Kind.NOT_OFFERED, "Unknown section.", 0);
        }
        return s;
    }

}

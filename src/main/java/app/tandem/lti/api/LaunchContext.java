package app.tandem.lti.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Who launched Tandem from where: the authenticated person, the section (absent for account-level launches),
 * their roles and the district (tenant) the launch's deployment belongs to. Bound to one launch session.
 *
 * @param sessionToken the bearer token pages send back in the {@code X-Tandem-Session} header
 * @param frameOrigins origins allowed to frame Tandem's pages for this launch (CSP frame-ancestors)
 */
public record LaunchContext(
        String sessionToken,
        String personId,
        String personName,
        String sectionId,
        String sectionTitle,
        String districtId,
        String registrationId,
        String deploymentId,
        AppRole primaryRole,
        Set<AppRole> roles,
        String messageType,
        String targetLinkUri,
        List<String> frameOrigins,
        OffsetDateTime expiresAt) {

    public boolean hasSection() {
        return sectionId != null;
    }

    public boolean is(AppRole role) {
        return roles.contains(role);
    }

    /** A friendly name even when the LMS sent none (privacy settings). */
    public String displayName() {
        return personName == null || personName.isBlank() ? "there" : personName;
    }
}

package app.tandem.lti.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who launched Tandem from where: the authenticated person, the section (absent for account-level launches),
 * their roles and the district (tenant) the launch's deployment belongs to. Bound to one launch session.
 *
 * @param sessionToken the bearer token pages send back in the {@code X-Tandem-Session} header
 * @param frameOrigins origins allowed to frame Tandem's pages for this launch (CSP frame-ancestors)
 * @param custom       the launch's custom parameters (e.g. {@code tandem_target} of a placed link)
 * @param deepLinking  the platform's deep-linking settings, for deep-linking launches only (else null)
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
        OffsetDateTime expiresAt,
        Map<String, String> custom,
        DeepLinkingSettings deepLinking) {

    public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

    public boolean hasSection() {
        return sectionId != null;
    }

    public boolean is(AppRole role) {
        return roles.contains(role);
    }

    public boolean isDeepLinking() {
        return deepLinking != null;
    }

    /** A friendly name even when the LMS sent none (privacy settings). */
    public String displayName() {
        return personName == null || personName.isBlank() ? "there" : personName;
    }
}

package app.tandem.lti.application;

import app.tandem.lti.api.DeepLinkingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The claims of an id_token that passed every check of {@link IdTokenValidator}. */
public record ValidatedLaunch(
        String issuer,
        String clientId,
        String deploymentId,
        String messageType,
        String subject,
        String name,
        String givenName,
        String familyName,
        String email,
        List<String> roles,
        String contextId,
        String contextTitle,
        String contextLabel,
        String resourceLinkId,
        String targetLinkUri,
        String returnUrl,
        String platformGuid,
        Map<String, String> custom,
        DeepLinkingSettings deepLinking,
        String nrpsUrl,
        String agsLineItemsUrl,
        List<String> agsScopes,
        Instant issuedAt,
        Instant expiresAt) {

    public boolean hasContext() {
        return contextId != null;
    }

    /** The best name to greet with: name, else given + family name. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return joined.isEmpty() ? null : joined;
    }
}

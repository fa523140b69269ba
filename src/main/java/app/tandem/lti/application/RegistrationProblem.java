package app.tandem.lti.application;

/**
 * Every reason a dynamic registration (LTI Dynamic Registration 1.0) cannot finish: the HTTP status of the page,
 * a plain-language explanation for the administrator in the LMS, and what to check. The enum name is the reason
 * code in logs and metrics.
 */
public enum RegistrationProblem implements RefusalReason {
    // The registration link
    LINK_MISSING(400, "This address needs a registration link from Tandem.",
            "Create a registration link in Tandem (or POST /api/admin/registration-links) and paste the whole URL into the LMS."),
    LINK_UNKNOWN(404, "This registration link is not valid.",
            "Check that the whole link was pasted, or create a new one in Tandem."),
    LINK_EXPIRED(410, "This registration link has expired.", "Create a new registration link in Tandem."),
    LINK_REVOKED(410, "This registration link was revoked.", "Create a new registration link in Tandem."),
    LINK_USED(410, "This registration link has already been used.",
            "Each link registers a limited number of platforms; create a new one in Tandem."),

    // The request from the LMS
    MISSING_CONFIGURATION_URL(400, "The LMS did not say where its configuration is.",
            "The LMS must open this address with the openid_configuration parameter (LTI Dynamic Registration)."),
    CONFIGURATION_URL_INVALID(400, "The LMS's configuration address is not usable.",
            "openid_configuration must be an https URL (http only for localhost during development)."),
    REGISTRATION_TOKEN_INVALID(400, "The LMS sent a registration token Tandem cannot use.",
            "registration_token must be at most 8 KB of visible ASCII characters."),

    // Fetching and checking the platform's OpenID configuration
    CONFIGURATION_UNREACHABLE(400, "Tandem could not reach the LMS to read its configuration.",
            "Check that Tandem's server can reach the LMS over HTTPS (firewall, proxy, DNS)."),
    CONFIGURATION_TIMEOUT(400, "The LMS took too long to send its configuration.",
            "Try again; Tandem waits at most 5 seconds for the LMS."),
    CONFIGURATION_HTTP_ERROR(400, "The LMS refused to send its configuration.",
            "The openid_configuration address answered with an error status; the registration token may have expired."),
    CONFIGURATION_TOO_LARGE(400, "The LMS's configuration is larger than Tandem accepts.",
            "The OpenID configuration must be under 256 KB."),
    CONFIGURATION_MALFORMED(400, "The LMS's configuration is not valid JSON.",
            "openid_configuration must answer with a JSON object (OpenID Connect Discovery)."),
    CONFIGURATION_INCOMPLETE(400, "The LMS's configuration is missing required information.",
            "The OpenID configuration needs issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint and the LTI platform configuration."),
    ISSUER_NOT_HTTPS(400, "The LMS's issuer is not a secure address.",
            "The issuer must be an https URL without query or fragment (http only for localhost during development)."),
    ISSUER_MISMATCH(400, "The LMS's configuration does not belong to the address it was read from.",
            "The openid_configuration URL must start with the issuer it declares (LTI Dynamic Registration §3.5.1)."),
    ENDPOINT_NOT_HTTPS(400, "One of the LMS's addresses is not a secure address.",
            "authorization_endpoint, token_endpoint, jwks_uri and registration_endpoint must be https URLs."),
    UNSUPPORTED_AUTH_METHOD(400, "The LMS does not support the client authentication Tandem uses.",
            "token_endpoint_auth_methods_supported must include private_key_jwt."),
    UNSUPPORTED_SIGNING_ALGORITHM(400, "The LMS does not sign launches with an algorithm Tandem accepts.",
            "id_token_signing_alg_values_supported must include RS256."),
    NO_RESOURCE_LINK_LAUNCH(400, "The LMS does not support the launches Tandem needs.",
            "messages_supported must include LtiResourceLinkRequest."),

    // Registering with the platform
    REGISTRATION_UNREACHABLE(400, "Tandem could not reach the LMS to register.",
            "Check that Tandem's server can reach the LMS's registration endpoint."),
    REGISTRATION_TIMEOUT(400, "The LMS took too long to answer the registration.",
            "Try again; Tandem waits at most 5 seconds for the LMS."),
    REGISTRATION_REFUSED(400, "The LMS refused Tandem's registration.",
            "The registration endpoint answered with an error; the registration token may have expired or been used. Start again from the LMS."),
    REGISTRATION_RESPONSE_INVALID(400, "The LMS's answer to the registration could not be used.",
            "The registration endpoint must answer with a JSON object containing client_id."),

    // Storing it in Tandem
    REGISTRATION_CONFLICT(409, "This LMS registration already belongs to another district in Tandem.",
            "Ask Tandem's administrator to map it (PUT /api/admin/registrations/{id}/deployments/{deployment}).");

    private final Text text;

    RegistrationProblem(int status, String message, String adminHint) {
        this.text = new Text(status, message, adminHint);
    }

    @Override
    public Text text() {
        return text;
    }
}

package app.tandem.lti.application;

/**
 * Every reason Tandem refuses a login initiation or a launch: the HTTP status, a plain-language explanation for
 * the person who sees it, and what an LMS administrator can check. The enum name is the reason code in logs and
 * metrics.
 */
public enum Rejection implements RefusalReason {
    // Login initiation
    LOGIN_MISSING_PARAMETER(400, "The LMS did not send everything needed to start a launch.",
            "The login initiation needs iss, login_hint and target_link_uri."),
    UNKNOWN_PLATFORM(400, "Tandem does not know this LMS.",
            "Register the platform (issuer and client ID) in Tandem before launching."),
    AMBIGUOUS_CLIENT(400, "This LMS has several Tandem registrations and did not say which one to use.",
            "Configure the LMS to send client_id in the login initiation."),
    UNKNOWN_DEPLOYMENT(400, "This LMS deployment of Tandem is not registered.",
            "Add the deployment ID to the platform's registration in Tandem and map it to a district."),
    LOGIN_PARAMETERS_TOO_LONG(400, "The LMS sent login details longer than Tandem accepts.",
            "Shorten lti_message_hint, login_hint or target_link_uri (together at most about 10,000 characters)."),
    TARGET_NOT_TOOL(400, "The launch points at an address that is not Tandem.",
            "The target link URI configured in the LMS must start with Tandem's base URL."),

    // Launch: transport and state
    MISSING_ID_TOKEN(400, "The launch arrived without its signed identity token.",
            "The LMS must POST id_token and state to Tandem's launch URL."),
    TOKEN_TOO_LARGE(400, "The launch token is larger than Tandem accepts.",
            "Reduce custom fields in the LMS configuration."),
    MISSING_STATE(400, "The launch arrived without its state.",
            "The LMS must return the state parameter it received at login."),
    INVALID_STATE(400, "This launch was not started by Tandem, or it was changed on the way.",
            "Start the launch again from the LMS."),
    STATE_EXPIRED(400, "This launch took too long and expired.",
            "Start the launch again from the LMS."),
    STATE_NOT_IN_BROWSER(401, "Your browser did not keep the launch's security cookie, so Tandem cannot open inside this page.",
            "Open Tandem in a new window, or allow cookies for Tandem's site in the browser."),

    // Launch: token
    MALFORMED_TOKEN(400, "The identity token from the LMS is not a valid signed JWT.",
            "Check that the LMS is an LTI 1.3 platform and sends a JWS id_token."),
    UNSUPPORTED_ALGORITHM(401, "The identity token is signed with an algorithm Tandem does not accept.",
            "Only asymmetric algorithms (RS256, RS384, RS512, PS256-512, ES256-512) are accepted."),
    CRITICAL_HEADER(401, "The identity token has critical header parameters Tandem does not understand.",
            "Remove the crit header from the platform's tokens."),
    JWKS_UNAVAILABLE(401, "Tandem could not fetch the LMS's public keys to check the launch.",
            "Check the JWKS URL of the registration and that Tandem's server can reach it."),
    UNKNOWN_KEY(401, "The identity token is signed with a key the LMS does not publish.",
            "Check the registration's JWKS URL: it must publish the key (kid) the platform signs with."),
    BAD_SIGNATURE(401, "The identity token's signature is not valid.",
            "The token was changed or signed with another key; check the registration's JWKS URL."),
    ISSUER_MISMATCH(401, "The identity token comes from a different LMS than the one that started the launch.",
            "The id_token iss must equal the issuer registered in Tandem."),
    AUDIENCE_MISMATCH(401, "The identity token is not addressed to Tandem.",
            "The id_token aud must contain Tandem's client ID for this platform."),
    AZP_MISSING(401, "The identity token has several audiences but no authorized party.",
            "With several aud values, the platform must send azp equal to Tandem's client ID."),
    AZP_MISMATCH(401, "The identity token was issued for another tool.",
            "azp must equal Tandem's client ID."),
    MISSING_EXP(401, "The identity token has no expiry.", "The platform must send exp."),
    EXPIRED(401, "The identity token has expired.",
            "Start the launch again; if it keeps happening, check the clocks of the LMS and Tandem servers."),
    MISSING_IAT(401, "The identity token has no issue time.", "The platform must send iat."),
    ISSUED_IN_FUTURE(401, "The identity token claims to be issued in the future.",
            "Check the clocks of the LMS and Tandem servers (Tandem allows 60 seconds of difference)."),
    NOT_YET_VALID(401, "The identity token is not valid yet.",
            "Check the clocks of the LMS and Tandem servers (Tandem allows 60 seconds of difference)."),
    NONCE_MISMATCH(401, "The identity token does not belong to this launch.",
            "The platform must return the nonce Tandem sent at login."),
    NONCE_REUSED(401, "This launch was already used.",
            "Each launch works once: start it again from the LMS."),
    MISSING_DEPLOYMENT(400, "The identity token does not name its deployment.",
            "The platform must send the deployment_id claim."),
    WRONG_VERSION(400, "The launch is not an LTI 1.3 launch.", "The version claim must be 1.3.0."),
    UNSUPPORTED_MESSAGE_TYPE(400, "Tandem does not handle this kind of launch.",
            "Supported message types: LtiResourceLinkRequest, LtiDeepLinkingRequest."),
    ROLES_NOT_ARRAY(400, "The launch does not say which roles the person has.",
            "The roles claim must be an array (it may be empty)."),
    MISSING_RESOURCE_LINK(400, "The launch does not name the link it came from.",
            "A resource link launch must have resource_link.id."),
    DEEP_LINKING_SETTINGS(400, "The LMS asked to add Tandem content but did not say where to send it.",
            "A deep-linking launch needs deep_linking_settings with an http(s) deep_link_return_url."),
    DEEP_LINKING_TYPES(400, "This place in the LMS cannot take the kind of content Tandem adds (LTI links).",
            "deep_linking_settings.accept_types must include ltiResourceLink."),
    MISSING_SUBJECT(400, "The launch is anonymous; Tandem needs to know who is launching.",
            "Configure the LMS to send the user's identity (sub) to Tandem."),
    SUBJECT_TOO_LONG(400, "The user identifier sent by the LMS is too long.", "sub must be at most 255 characters."),
    MISSING_CONTEXT(400, "Tandem was opened outside a course.",
            "Teachers and students open Tandem from a course; coordinators from the account or site admin menu."),
    NO_TANDEM_ROLE(403, "Your role in this course does not give access to Tandem.",
            "Tandem is for teachers, students and eLearning coordinators (LTI Instructor, Learner, Administrator).");

    private final Text text;

    Rejection(int status, String message, String adminHint) {
        this.text = new Text(status, message, adminHint);
    }

    @Override
    public Text text() {
        return text;
    }
}

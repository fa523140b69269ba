package app.tandem.lti.application;

import app.tandem.common.Settings;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Third-party initiated login (LTI Core §5.1.1, Security Framework §5.1.1): checks the platform, deployment and
 * target, then sends the browser to the platform's auth endpoint with a fresh state and nonce. The redirect_uri
 * is always Tandem's registered launch URL, never taken from the request.
 */
@ApplicationScoped
public class LoginInitiation {
    public static final String LAUNCH_PATH = "/lti/launch";
    public static final String LOGIN_PATH = "/lti/login";

    @Inject
    RegistrationService registrations;

    @Inject
    StateTokens stateTokens;

    @Inject
    DeploymentAdoption adoption;

    @Inject
    Settings settings;

    public record LoginRequest(String issuer, String loginHint, String targetLinkUri, String messageHint,
                               String clientId, String deploymentId, String storageTarget) {
        public LoginRequest(String issuer, String loginHint, String targetLinkUri, String messageHint, String clientId, String deploymentId) {
            this(issuer, loginHint, targetLinkUri, messageHint, clientId, deploymentId, null);
        }
    }

    /**
     * Where to send the browser, and how to bind the state to it: the {@code binding} secret goes into a cookie
     * and, when the platform offers it ({@code storageTarget}), into the platform's storage under
     * {@code storageKey}, reached by postMessage to {@code storageOrigin} (the auth endpoint's origin).
     */
    public record LoginRedirect(String location, String stateId, String state, String registrationId, String binding,
                                String storageTarget, String storageOrigin, String storageKey) {
    }

    public LoginRedirect start(LoginRequest req, Instant now) {
        if (blank(req.issuer()) || blank(req.loginHint()) || blank(req.targetLinkUri())) {
            throw new LaunchRejectedException(Rejection.LOGIN_MISSING_PARAMETER,
                    "missing " + missing(req));
        }
        PlatformRegistrationEntity reg = registration(req);
        if (!blank(req.deploymentId()) && registrations.cachedDeployment(reg.id, req.deploymentId()).isEmpty()
                && !adoption.adopts(reg.id)) {
            throw new LaunchRejectedException(Rejection.UNKNOWN_DEPLOYMENT, "lti_deployment_id " + req.deploymentId());
        }
        if (!Origins.isUnder(req.targetLinkUri(), settings.baseUrl())) {
            throw new LaunchRejectedException(Rejection.TARGET_NOT_TOOL, "target_link_uri outside " + settings.baseUrl());
        }
        String storageTarget = validStorageTarget(req.storageTarget());
        StateTokens.LoginState state = stateTokens.newState(reg.id, reg.issuer, reg.clientId, req.deploymentId(),
                req.targetLinkUri(), req.loginHint(), req.messageHint(), storageTarget, now);
        String signed = stateTokens.sign(state);
        if (signed.length() > StateTokens.MAX_LENGTH) {
            // the state carries the login parameters: refuse now rather than issue a state the launch would refuse
            throw new LaunchRejectedException(Rejection.LOGIN_PARAMETERS_TOO_LONG, "state would be " + signed.length() + " characters");
        }

        Map<String, String> params = new LinkedHashMap<>();
        params.put("scope", "openid");
        params.put("response_type", "id_token");
        params.put("response_mode", "form_post");
        params.put("prompt", "none");
        params.put("client_id", reg.clientId);
        params.put("redirect_uri", settings.url(LAUNCH_PATH));
        params.put("login_hint", req.loginHint());
        if (!blank(req.messageHint())) {
            params.put("lti_message_hint", req.messageHint());
        }
        params.put("state", signed);
        params.put("nonce", state.nonce());
        String separator = reg.authEndpoint.contains("?") ? "&" : "?";
        return new LoginRedirect(reg.authEndpoint + separator + query(params), state.id(), signed, reg.id, state.binding(),
                storageTarget, Origins.of(reg.authEndpoint), StateTokens.storageKey(state.id()));
    }

    /** A frame name ("_parent" or e.g. Canvas's "post_message_forwarding"); anything odd is ignored. */
    private static String validStorageTarget(String target) {
        return target != null && target.matches("[A-Za-z0-9_.-]{1,64}") ? target : null;
    }

    /** The URL that restarts this login in a top-level window (where first-party cookies work). */
    public String newWindowUrl(StateTokens.LoginState s) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("iss", s.issuer());
        params.put("client_id", s.clientId());
        params.put("login_hint", s.loginHint());
        params.put("target_link_uri", s.targetLinkUri());
        if (!blank(s.messageHint())) {
            params.put("lti_message_hint", s.messageHint());
        }
        if (!blank(s.deploymentId())) {
            params.put("lti_deployment_id", s.deploymentId());
        }
        return settings.url(LOGIN_PATH) + "?" + query(params);
    }

    private PlatformRegistrationEntity registration(LoginRequest req) {
        if (!blank(req.clientId())) {
            return registrations.cachedEntity(req.issuer(), req.clientId())
                    .orElseThrow(() -> new LaunchRejectedException(Rejection.UNKNOWN_PLATFORM,
                            "iss " + req.issuer() + " client_id " + req.clientId()));
        }
        List<PlatformRegistrationEntity> candidates = registrations.byIssuer(req.issuer());
        if (candidates.isEmpty()) {
            throw new LaunchRejectedException(Rejection.UNKNOWN_PLATFORM, "iss " + req.issuer());
        }
        if (candidates.size() > 1) {
            throw new LaunchRejectedException(Rejection.AMBIGUOUS_CLIENT, "iss " + req.issuer() + " without client_id");
        }
        return candidates.get(0);
    }

    private static String missing(LoginRequest req) {
        StringBuilder sb = new StringBuilder();
        if (blank(req.issuer())) sb.append("iss ");
        if (blank(req.loginHint())) sb.append("login_hint ");
        if (blank(req.targetLinkUri())) sb.append("target_link_uri");
        return sb.toString().strip();
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package app.tandem.lti.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Settings;
import app.tandem.lti.api.PlatformRegistrations.Registration;
import app.tandem.lti.api.TenantDirectory;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * LTI Dynamic Registration 1.0, tool side (§3): the LMS opens {@code /lti/dynamic-registration} with
 * {@code openid_configuration} and, usually, {@code registration_token}; Tandem adds the coordinator's
 * {@code link}. In order: the link is active; the platform's OpenID configuration is fetched and checked
 * ({@link PlatformConfiguration}); the registration request is built for that platform
 * ({@link ToolRegistrationRequest}); one use of the link is taken; the request is POSTed to the platform's
 * registration_endpoint with the registration token as bearer; the answer's client_id (and deployment_id, when
 * the platform names one) become a registration and deployment in the link's district. Any failure raises
 * {@link RegistrationFailedException} and gives the link's use back.
 */
@ApplicationScoped
public class DynamicRegistration {
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MAX_CONFIGURATION_URL_LENGTH = 8192;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    @Inject
    RegistrationLinks links;

    @Inject
    PlatformHttp http;

    @Inject
    ToolConfiguration tool;

    @Inject
    Settings settings;

    @Inject
    DynamicRegistrationStore store;

    @Inject
    TenantDirectory tenants;

    /** A finished registration, as the result page shows it. */
    public record Outcome(Registration registration, boolean updated, String deploymentId, boolean adoptsDeployments,
                          String districtId, String districtName, String platformName,
                          List<ToolRegistrationRequest.OfferedMessage> messages, List<String> scopes, String linkPrefix) {
    }

    /**
     * @param linkPrefix told the link's token prefix as soon as the link is known (for the caller's log line)
     */
    public Outcome register(String linkToken, String configurationUrl, String registrationToken, Instant now,
                            Consumer<String> linkPrefix) {
        RegistrationLinks.Link link = links.check(linkToken, now);
        linkPrefix.accept(link.tokenPrefix());
        URI configUri = configurationUri(configurationUrl);
        String bearer = registrationToken(registrationToken);

        PlatformConfiguration platform = PlatformConfiguration.from(configurationUrl.strip(), fetchConfiguration(configUri, bearer));
        ToolRegistrationRequest.Built request = ToolRegistrationRequest.build(toolUrls(), platform);

        links.claim(link.id(), now);
        boolean done = false;
        try {
            Map<String, Object> answer = postRegistration(platform, bearer, request);
            String clientId = identifier(answer.get("client_id"));
            if (clientId == null || clientId.length() > 255) {
                throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_RESPONSE_INVALID,
                        clientId == null ? "no client_id in the answer" : "client_id longer than 255 characters");
            }
            String deploymentId = null;
            if (answer.get(ToolRegistrationRequest.TOOL_CONFIGURATION) instanceof Map<?, ?> lti) {
                deploymentId = identifier(lti.get("deployment_id"));
                if (deploymentId != null && deploymentId.length() > 255) {
                    throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_RESPONSE_INVALID,
                            "deployment_id longer than 255 characters");
                }
            }
            DynamicRegistrationStore.Saved saved;
            try {
                saved = store.save(link, platform, clientId, deploymentId, request.messages(), now);
            } catch (InvalidRequestException e) {
                throw new RegistrationFailedException(e.status() == 409 ? RegistrationProblem.REGISTRATION_CONFLICT
                        : RegistrationProblem.REGISTRATION_RESPONSE_INVALID, DynamicRegistrationStore.describe(e));
            }
            done = true;
            return new Outcome(saved.registration(), saved.updated(), saved.deploymentId(), saved.adoptsDeployments(),
                    link.districtId(), tenants.districtName(link.districtId()).orElse(link.districtId()),
                    platform.displayName(), request.messages(), request.scopes(), link.tokenPrefix());
        } finally {
            if (!done) {
                links.release(link.id());
            }
        }
    }

    ToolRegistrationRequest.ToolUrls toolUrls() {
        return new ToolRegistrationRequest.ToolUrls(tool.loginUrl(), tool.launchUrl(), tool.targetLinkUri(), tool.jwksUrl(),
                tool.iconUrl(), settings.baseUrl());
    }

    private static URI configurationUri(String configurationUrl) {
        if (configurationUrl == null || configurationUrl.isBlank()) {
            throw new RegistrationFailedException(RegistrationProblem.MISSING_CONFIGURATION_URL, "no openid_configuration parameter");
        }
        URI uri = PlatformConfiguration.secureUri(configurationUrl, MAX_CONFIGURATION_URL_LENGTH);
        if (uri == null || uri.getRawFragment() != null) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_URL_INVALID,
                    "openid_configuration is not an https URL: " + originOrDash(configurationUrl));
        }
        return uri;
    }

    private static String registrationToken(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
            throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_TOKEN_INVALID,
                    "registration_token of " + token.length() + " characters is not visible ASCII");
        }
        return token;
    }

    private Map<String, Object> fetchConfiguration(URI uri, String bearer) {
        String where = Origins.of(uri.toString());
        PlatformHttp.Answer answer;
        try {
            answer = http.get(uri, bearer);
        } catch (HttpTimeoutException e) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_TIMEOUT, "no answer from " + where + " in time");
        } catch (PlatformHttp.TooLargeException e) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_TOO_LARGE, "configuration from " + where + " too large");
        } catch (IOException | RuntimeException e) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_UNREACHABLE,
                    where + " not reachable (" + e.getClass().getSimpleName() + ")");
        }
        if (answer.status() != 200) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_HTTP_ERROR,
                    where + " answered HTTP " + answer.status());
        }
        try {
            return JSONObjectUtils.parse(answer.body(), PlatformHttp.MAX_BYTES);
        } catch (ParseException | RuntimeException e) {
            throw new RegistrationFailedException(RegistrationProblem.CONFIGURATION_MALFORMED,
                    "configuration from " + where + " is not a JSON object");
        }
    }

    private Map<String, Object> postRegistration(PlatformConfiguration platform, String bearer, ToolRegistrationRequest.Built request) {
        URI endpoint = URI.create(platform.registrationEndpoint());
        String where = Origins.of(platform.registrationEndpoint());
        PlatformHttp.Answer answer;
        try {
            answer = http.postJson(endpoint, bearer, JSONObjectUtils.toJSONString(request.body()));
        } catch (HttpTimeoutException e) {
            throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_TIMEOUT, "no answer from " + where + " in time");
        } catch (IOException | RuntimeException e) {
            throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_UNREACHABLE,
                    where + " not reachable (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(answer.body(), PlatformHttp.MAX_BYTES);
        } catch (ParseException | RuntimeException e) {
            json = null;
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_REFUSED,
                    "HTTP " + answer.status() + errorOf(json));
        }
        if (json == null) {
            throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_RESPONSE_INVALID, "the answer is not a JSON object");
        }
        return json;
    }

    /** OAuth error and description of a refused registration (RFC 7591 §3.2.2), bounded. */
    private static String errorOf(Map<String, Object> json) {
        if (json == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String field : List.of("error", "error_description", "errorMessage")) {
            if (json.get(field) instanceof String s && !s.isBlank()) {
                sb.append(sb.length() == 0 ? ": " : " — ").append(s.strip());
            }
        }
        String text = sb.toString().replaceAll("[\\r\\n\\t]", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A string or integer identifier (some platforms send numbers); null when absent or blank. */
    private static String identifier(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s.strip();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return String.valueOf(n.longValue());
        }
        return null;
    }

    private static String originOrDash(String url) {
        String origin = Origins.of(url);
        return origin == null ? "-" : origin;
    }
}

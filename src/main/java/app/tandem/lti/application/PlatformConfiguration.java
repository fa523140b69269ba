package app.tandem.lti.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A platform's OpenID configuration as read during LTI Dynamic Registration 1.0 (§3.4, §3.5), checked before
 * Tandem registers with it: issuer https (http only for a loopback host), the configuration URL starts with the
 * issuer, the required endpoints present and secure, private_key_jwt and RS256 supported, and the LTI platform
 * configuration with the messages (and their placements) the platform understands. Pure: no I/O.
 *
 * <p>Both shapes of {@code messages_supported} are read: objects {@code {"type", "placements"}} (the spec, Canvas,
 * Moodle 4.x) and plain strings (Moodle 3.10–4.0, which also spelled the resource link type "LtiResourceLink").
 */
public record PlatformConfiguration(
        String issuer,
        String authorizationEndpoint,
        String tokenEndpoint,
        String jwksUri,
        String registrationEndpoint,
        List<String> scopesSupported,
        String productFamilyCode,
        String version,
        Map<String, List<String>> messagesSupported,
        String canvasAccountDomain) {

    public static final String LTI_PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    public static final String CANVAS_ACCOUNT_DOMAIN = "https://canvas.instructure.com/lti/account_domain";
    public static final String RESOURCE_LINK = "LtiResourceLinkRequest";
    public static final String DEEP_LINKING = "LtiDeepLinkingRequest";

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    /** Whether the platform is Canvas (its product family code). */
    public boolean isCanvas() {
        return "canvas".equalsIgnoreCase(productFamilyCode);
    }

    public boolean supports(String messageType) {
        return messagesSupported.containsKey(messageType);
    }

    /** A short human name, e.g. "moodle 4.3 (lms.example.org)". */
    public String displayName() {
        String host = URI.create(issuer).getHost();
        String name = productFamilyCode + (version == null || version.isBlank() ? "" : " " + version) + " (" + host + ")";
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /**
     * Reads and checks the configuration fetched from {@code configurationUrl}.
     *
     * @throws RegistrationFailedException with the first problem found
     */
    public static PlatformConfiguration from(String configurationUrl, Map<String, Object> json) {
        String issuer = string(json, "issuer");
        if (issuer == null || issuer.isBlank()) {
            throw fail(RegistrationProblem.CONFIGURATION_INCOMPLETE, "missing issuer");
        }
        URI issuerUri = secureUri(issuer);
        if (issuerUri == null || issuerUri.getRawQuery() != null || issuerUri.getRawFragment() != null) {
            throw fail(RegistrationProblem.ISSUER_NOT_HTTPS, "issuer is not an https URL without query or fragment: "
                    + Origins.of(issuer));
        }
        if (!configurationUrlMatchesIssuer(configurationUrl, issuerUri)) {
            throw fail(RegistrationProblem.ISSUER_MISMATCH, "issuer " + issuer + " is not a prefix of the configuration URL at "
                    + Origins.of(configurationUrl));
        }

        List<String> missing = new ArrayList<>();
        String auth = required(json, "authorization_endpoint", missing);
        String token = required(json, "token_endpoint", missing);
        String jwks = required(json, "jwks_uri", missing);
        String registration = required(json, "registration_endpoint", missing);
        Map<String, Object> lti = platformConfiguration(json);
        String family = null;
        Object messages = null;
        if (lti == null) {
            missing.add(LTI_PLATFORM_CONFIGURATION);
        } else {
            family = string(lti, "product_family_code");
            if (family == null || family.isBlank()) {
                missing.add("product_family_code");
            }
            messages = lti.get("messages_supported");
            if (!(messages instanceof List<?>)) {
                missing.add("messages_supported");
            }
        }
        if (!missing.isEmpty()) {
            throw fail(RegistrationProblem.CONFIGURATION_INCOMPLETE, "missing or not a string/array: " + String.join(", ", missing));
        }

        for (Map.Entry<String, String> e : Map.of("authorization_endpoint", auth, "token_endpoint", token,
                "jwks_uri", jwks, "registration_endpoint", registration).entrySet()) {
            if (secureUri(e.getValue()) == null) {
                throw fail(RegistrationProblem.ENDPOINT_NOT_HTTPS, e.getKey() + " is not an https URL");
            }
        }
        if (!strings(json.get("token_endpoint_auth_methods_supported")).contains("private_key_jwt")) {
            throw fail(RegistrationProblem.UNSUPPORTED_AUTH_METHOD, "token_endpoint_auth_methods_supported lacks private_key_jwt");
        }
        if (!strings(json.get("id_token_signing_alg_values_supported")).contains("RS256")) {
            throw fail(RegistrationProblem.UNSUPPORTED_SIGNING_ALGORITHM, "id_token_signing_alg_values_supported lacks RS256");
        }
        Map<String, List<String>> supported = messagesSupported((List<?>) messages);
        if (!supported.containsKey(RESOURCE_LINK)) {
            throw fail(RegistrationProblem.NO_RESOURCE_LINK_LAUNCH, "messages_supported " + supported.keySet());
        }
        List<String> scopes = json.get("scopes_supported") instanceof List<?> ? strings(json.get("scopes_supported")) : null;
        String domain = string(lti, CANVAS_ACCOUNT_DOMAIN);
        return new PlatformConfiguration(issuer, auth, token, jwks, registration, scopes, family.strip(),
                string(lti, "version"), Collections.unmodifiableMap(supported),
                domain != null && DOMAIN.matcher(domain).matches() ? domain.toLowerCase(Locale.ROOT) : null);
    }

    /**
     * LTI Dynamic Registration §3.5.1: the configuration URL must start with the issuer. Compared as URLs (same
     * origin; the issuer's path a whole-segment prefix of the configuration's path), so "https://lms.org" does not
     * match "https://lms.org.evil.example/...".
     */
    static boolean configurationUrlMatchesIssuer(String configurationUrl, URI issuer) {
        String issuerOrigin = Origins.of(issuer.toString());
        if (issuerOrigin == null || !issuerOrigin.equals(Origins.of(configurationUrl))) {
            return false;
        }
        String issuerPath = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (issuerPath.isEmpty() || issuerPath.equals("/")) {
            return true;
        }
        String path;
        try {
            path = new URI(configurationUrl.strip()).getRawPath();
        } catch (Exception e) {
            return false;
        }
        if (path == null) {
            return false;
        }
        String prefix = issuerPath.endsWith("/") ? issuerPath : issuerPath + "/";
        return path.equals(issuerPath) || path.startsWith(prefix);
    }

    /** An https URL of at most 1000 characters, or http for a loopback host (development and tests); null otherwise. */
    static URI secureUri(String value) {
        return secureUri(value, 1000);
    }

    /** As {@link #secureUri(String)}, with another length limit (a configuration URL may carry a token in its query). */
    static URI secureUri(String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null) {
                return null;
            }
            boolean ok = scheme.equals("https") || (scheme.equals("http") && Origins.isLoopback(uri.getHost()));
            return ok ? uri : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, List<String>> messagesSupported(List<?> messages) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object m : messages) {
            String type = null;
            List<String> placements = List.of();
            if (m instanceof String s) {
                type = s;
            } else if (m instanceof Map<?, ?> o && o.get("type") instanceof String s) {
                type = s;
                placements = strings(o.get("placements"));
            }
            if (type == null || type.isBlank()) {
                continue;
            }
            type = type.strip();
            if (type.equals("LtiResourceLink")) {
                type = RESOURCE_LINK;
            }
            List<String> merged = new ArrayList<>(out.getOrDefault(type, List.of()));
            placements.stream().filter(p -> !merged.contains(p)).forEach(merged::add);
            out.put(type, List.copyOf(merged));
        }
        return out;
    }

    /** The LTI platform configuration object; tolerant of the trailing space early Moodle 3.10 put in its key. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> platformConfiguration(Map<String, Object> json) {
        Object value = json.get(LTI_PLATFORM_CONFIGURATION);
        if (value == null) {
            value = json.entrySet().stream().filter(e -> e.getKey().strip().equals(LTI_PLATFORM_CONFIGURATION))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String required(Map<String, Object> json, String field, List<String> missing) {
        String value = string(json, field);
        if (value == null || value.isBlank()) {
            missing.add(field);
            return null;
        }
        return value.strip();
    }

    private static String string(Map<String, Object> json, String field) {
        return json != null && json.get(field) instanceof String s ? s : null;
    }

    static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip).toList();
        }
        return List.of();
    }

    private static RegistrationFailedException fail(RegistrationProblem problem, String detail) {
        return new RegistrationFailedException(problem, detail);
    }
}

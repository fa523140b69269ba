package app.tandem.demo;

import app.tandem.common.Settings;
import app.tandem.district.application.DistrictService;
import app.tandem.lti.api.PlatformRegistrations;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The demo platform's identity: issuer, signing key (made fresh at every start; Tandem refetches the JWKS when
 * it sees the new kid) and its registration with Tandem.
 */
@ApplicationScoped
public class DemoPlatform {
    private static final Logger LOG = Logger.getLogger(DemoPlatform.class.getName());

    @Inject
    Settings settings;

    @Inject
    PlatformRegistrations registrations;

    @Inject
    DistrictService districts;

    private volatile RSAKey key;
    private volatile JWKSource<SecurityContext> toolKeys;

    /** A Tandem link placed in a demo course through deep linking. */
    public record PlacedLink(String id, String title, String text, Map<String, String> custom) {
    }

    private final Map<String, List<PlacedLink>> placed = new ConcurrentHashMap<>();

    void onStart(@Observes @Priority(30) @Initialized(ApplicationScoped.class) Object ignored) {
        if (!settings.demoEnabled()) {
            return;
        }
        try {
            key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("demo-" + Long.toHexString(System.currentTimeMillis())).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        districts.ensure(DemoData.DISTRICT_ID, DemoData.DISTRICT_NAME);
        PlatformRegistrations.RegistrationInput input = new PlatformRegistrations.RegistrationInput(
                issuer(), DemoData.CLIENT_ID, "Demo LMS", url("/demo/auth"), url("/demo/token"), url("/demo/jwks"), List.of());
        PlatformRegistrations.Registration reg = registrations.find(issuer(), DemoData.CLIENT_ID)
                .map(existing -> registrations.update(existing.id(), input))
                .orElseGet(() -> registrations.create(input));
        if (reg.deployments().stream().noneMatch(d -> d.deploymentId().equals(DemoData.DEPLOYMENT_ID))) {
            registrations.addDeployment(reg.id(), DemoData.DEPLOYMENT_ID, DemoData.DISTRICT_ID, "Demo district deployment");
        }
        LOG.info("Tandem is ready. Open the demo LMS: " + url("/demo/") + "  (tool at " + settings.baseUrl() + ")");
    }

    boolean enabled() {
        return settings.demoEnabled() && key != null;
    }

    String issuer() {
        return settings.demoBaseUrl() + "/demo";
    }

    String url(String path) {
        return settings.demoBaseUrl() + path;
    }

    String toolUrl(String path) {
        return settings.url(path);
    }

    JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    List<PlacedLink> placedLinks(String courseId) {
        return placed.getOrDefault(courseId, List.of());
    }

    Optional<PlacedLink> placedLink(String courseId, String linkId) {
        return placedLinks(courseId).stream().filter(l -> l.id().equals(linkId)).findFirst();
    }

    void place(String courseId, List<PlacedLink> links) {
        placed.compute(courseId, (k, old) -> {
            List<PlacedLink> all = new ArrayList<>(old == null ? List.of() : old);
            all.addAll(links);
            return List.copyOf(all);
        });
    }

    /**
     * Verifies an LtiDeepLinkingResponse as a platform must: Tandem's signature (its published JWKS), iss = our
     * client_id for Tandem, aud = this platform, not expired, the message type, deployment and the echoed data.
     */
    JWTClaimsSet verifyDeepLinkingResponse(String jwt, String expectedData) throws Exception {
        if (toolKeys == null) {
            toolKeys = JWKSourceBuilder.create(URI.create(toolUrl("/.well-known/jwks.json")).toURL()).build();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, toolKeys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer(),
                new JWTClaimsSet.Builder().issuer(DemoData.CLIENT_ID)
                        .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingResponse")
                        .claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.3.0")
                        .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", DemoData.DEPLOYMENT_ID)
                        .claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", expectedData)
                        .build(),
                Set.of("exp", "iat", "nonce")));
        return processor.process(jwt, null);
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

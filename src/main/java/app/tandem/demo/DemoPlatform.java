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
import java.util.List;
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
                issuer(), DemoData.CLIENT_ID, "Demo LMS", url("/demo/auth"), null, url("/demo/jwks"), List.of());
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

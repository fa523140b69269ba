package app.tandem.lti.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.DeepLinkingSettings;
import app.tandem.lti.api.DeepLinks;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LtiDeepLinkingResponse (Deep Linking 2.0 §4.5): a JWT signed with the tool key — iss = our client_id, aud = the
 * platform's issuer, a fresh nonce, the deployment, the platform's {@code data} echoed — carrying
 * {@code ltiResourceLink} content items whose custom parameters name the Tandem object to open.
 */
@ApplicationScoped
public class DeepLinkResponder implements DeepLinks {
    private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

    @Inject
    ToolKeys toolKeys;

    @Inject
    RegistrationService registrations;

    @Inject
    ToolConfiguration tool;

    @Override
    public Response respond(LaunchContext launch, List<ContentItem> items) {
        DeepLinkingSettings settings = launch.deepLinking();
        if (settings == null) {
            throw new InvalidRequestException("This page was not opened to add content to the course. Start from the LMS's 'add content' menu.");
        }
        if (items.isEmpty()) {
            throw new InvalidRequestException("Choose at least one item to add.");
        }
        if (items.size() > 1 && !settings.acceptMultiple()) {
            throw new InvalidRequestException("This place in the LMS takes only one item: choose one.");
        }
        PlatformRegistrationEntity reg = registrations.entity(launch.registrationId());
        if (reg == null) {
            throw new InvalidRequestException(409, "The LMS registration was removed; Tandem cannot answer it.", Map.of());
        }
        List<Object> contentItems = new ArrayList<>();
        for (ContentItem item : items) {
            contentItems.add(contentItem(item, settings));
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(reg.clientId)
                .audience(reg.issuer)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(Tokens.random(16))
                .claim("nonce", Tokens.random(24))
                .claim(IdTokenValidator.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(IdTokenValidator.LTI + "version", "1.3.0")
                .claim(IdTokenValidator.LTI + "deployment_id", launch.deploymentId())
                .claim(DL + "content_items", contentItems);
        if (settings.data() != null) {
            claims.claim(DL + "data", settings.data());
        }
        return new Response(settings.returnUrl(), sign(claims.build()));
    }

    private Map<String, Object> contentItem(ContentItem item, DeepLinkingSettings settings) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", DeepLinkingSettings.LTI_RESOURCE_LINK);
        c.put("title", item.title());
        if (item.text() != null) {
            c.put("text", item.text());
        }
        c.put("url", tool.targetLinkUri());
        if (!item.custom().isEmpty()) {
            c.put("custom", new LinkedHashMap<>(item.custom()));
        }
        if (settings.presentationTargets().contains("iframe")) {
            c.put("iframe", Map.of("height", 800));
        } else if (settings.presentationTargets().contains("window")) {
            c.put("window", Map.of("targetName", "tandem"));
        }
        if (item.lineItem() != null) {
            Map<String, Object> li = new LinkedHashMap<>();
            li.put("scoreMaximum", item.lineItem().scoreMaximum());
            li.put("label", item.lineItem().label());
            if (item.lineItem().resourceId() != null) li.put("resourceId", item.lineItem().resourceId());
            if (item.lineItem().tag() != null) li.put("tag", item.lineItem().tag());
            c.put("lineItem", li);
        }
        return c;
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = toolKeys.signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the tool key", e);
        }
    }
}

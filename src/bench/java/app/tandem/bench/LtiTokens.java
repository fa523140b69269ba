package app.tandem.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds id_tokens shaped like the ones an LMS sends (LIS, AGS, NRPS, custom and platform claims): about 2.9 KB
 * once signed with RS256 and an RSA-2048 key, or about 5 KB with Canvas's extras.
 */
public final class LtiTokens {
    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

    private LtiTokens() {
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who launches from where: one person in one course. */
    public record Launch(String subject, String name, String givenName, String familyName, String email,
                         boolean teacher, String courseId, String courseTitle, String courseLabel) {
    }

    public static JWTClaimsSet claims(String issuer, String clientId, String deploymentId, String nonce,
                                      String targetLinkUri, Launch l, Instant now) {
        return claims(issuer, clientId, deploymentId, nonce, targetLinkUri, l, now, false);
    }

    /**
     * @param extended false: the claims most platforms send (about 2.9 KB signed); true: also Canvas's extras
     *                 (LTI 1.1 migration claims, validation_context/errors members, more custom fields: about 5 KB)
     */
    public static JWTClaimsSet claims(String issuer, String clientId, String deploymentId, String nonce,
                                      String targetLinkUri, Launch l, Instant now, boolean extended) {
        String platformHost = issuer;
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("id", l.courseId());
        context.put("label", l.courseLabel());
        context.put("title", l.courseTitle());
        context.put("type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"));

        Map<String, Object> resourceLink = new LinkedHashMap<>();
        resourceLink.put("id", "rl-" + l.courseId() + "-4f1c0e7a9b2d");
        resourceLink.put("title", "Tandem");

        Map<String, Object> presentation = new LinkedHashMap<>();
        presentation.put("document_target", "iframe");
        presentation.put("return_url", platformHost + "/courses/" + l.courseId());

        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("guid", "5DrZ4CqfbBqLpeV4Wk6bWzSvYrb4GzeYmQ1Bp2mK:canvas-lms");
        platform.put("product_family_code", "canvas");

        Map<String, Object> lis = new LinkedHashMap<>();
        lis.put("person_sourcedid", "SIS-" + l.subject().substring(0, 8));
        lis.put("course_offering_sourcedid", "SIS-COURSE-" + l.courseLabel());

        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("canvas_course_id", l.courseId());
        custom.put("district_code", "SUSD");

        Map<String, Object> ags = new LinkedHashMap<>();
        ags.put("scope", List.of(
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        ags.put("lineitems", platformHost + "/api/lti/courses/" + l.courseId() + "/line_items");

        Map<String, Object> nrps = new LinkedHashMap<>();
        nrps.put("context_memberships_url", platformHost + "/api/lti/courses/" + l.courseId() + "/names_and_roles");
        nrps.put("service_versions", List.of("2.0"));

        List<String> roles = List.of(l.teacher() ? INSTRUCTOR : LEARNER);

        if (extended) {
            Map<String, Object> noErrors = Map.of("errors", Map.of());
            for (Map<String, Object> m : List.of(lis, ags, nrps)) {
                m.put("validation_context", null);
                m.put("errors", noErrors);
            }
            lis.put("course_section_sourcedid", "SIS-SECTION-" + l.courseLabel() + "-01");
            resourceLink.put("description", null);
            presentation.put("height", 400);
            presentation.put("width", 800);
            platform.put("contact_email", "lms-admin@susd.example");
            platform.put("url", platformHost);
            custom.put("canvas_user_id", String.valueOf(Math.abs(l.subject().hashCode())));
            custom.put("canvas_user_login_id", l.email());
            custom.put("term_name", "2026-2027 Fall");
            ags.put("scope", List.of(
                    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/score"));
            roles = l.teacher()
                    ? List.of(INSTRUCTOR, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
                    "http://purl.imsglobal.org/vocab/lis/v2/system/person#User")
                    : List.of(LEARNER, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
                    "http://purl.imsglobal.org/vocab/lis/v2/system/person#User");
            presentation.put("locale", "en");
            platform.put("version", "cloud");
            platform.put("name", "Springfield Unified School District");
        }

        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .claim("azp", clientId)
                .subject(l.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("nonce", nonce)
                .claim("name", l.name())
                .claim("given_name", l.givenName())
                .claim("family_name", l.familyName())
                .claim("email", l.email())
                .claim(LTI + "version", "1.3.0")
                .claim(LTI + "message_type", "LtiResourceLinkRequest")
                .claim(LTI + "deployment_id", deploymentId)
                .claim(LTI + "target_link_uri", targetLinkUri)
                .claim(LTI + "roles", roles)
                .claim(LTI + "context", context)
                .claim(LTI + "resource_link", resourceLink)
                .claim(LTI + "launch_presentation", presentation)
                .claim(LTI + "tool_platform", platform)
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", ags)
                .claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice", nrps);
        if (extended) {
            b.claim(LTI + "lis", lis)
                    .claim(LTI + "custom", custom)
                    .claim("locale", "en")
                    .claim("picture", platformHost + "/images/messages/avatar-50.png")
                    .claim(LTI + "role_scope_mentor", List.of())
                    .claim(LTI + "lti11_legacy_user_id", "a3b9f0c2d7e14f6a8b5c9d0e1f2a3b4c5d6e7f80")
                    .claim(LTI + "lti1p1", Map.of("user_id", "a3b9f0c2d7e14f6a8b5c9d0e1f2a3b4c5d6e7f80",
                            "validation_context", Map.of(), "errors", Map.of("errors", Map.of())))
                    .claim("https://www.instructure.com/placement", "course_navigation");
        }
        return b.build();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deterministic person in a deterministic course, so repeated launches find the same roster rows. */
    public static Launch person(int user, int courses) {
        int course = user % courses;
        String subject = UUID.nameUUIDFromBytes(("bench-user-" + user).getBytes()).toString();
        String given = GIVEN[user % GIVEN.length];
        String family = FAMILY[(user / GIVEN.length) % FAMILY.length];
        return new Launch(subject, given + " " + family, given, family,
                given.toLowerCase() + "." + family.toLowerCase() + user + "@susd.example",
                user < courses, // the first person of each course teaches it
                "course-" + (10_000 + course), "Grade 7 Mathematics, Period " + (course % 8 + 1) + " (" + (10_000 + course) + ")",
                "MATH7-" + (10_000 + course));
    }

    private static final String[] GIVEN = {"Ava", "Liam", "Noah", "Emma", "Mia", "Lucas", "Amara", "Mateo", "Zoe", "Hiro",
            "Fatima", "Olu", "Ines", "Jonas", "Priya", "Sven"};
    private static final String[] FAMILY = {"Nguyen", "Garcia", "Okafor", "Schmidt", "Kowalski", "Haddad", "Silva", "Tanaka",
            "Johnson", "Dubois", "Rossi", "Novak"};
}

package app.tandem.lti.application;

import static app.tandem.lti.application.IdTokens.CLIENT_ID;
import static app.tandem.lti.application.IdTokens.DEPLOYMENT_ID;
import static app.tandem.lti.application.IdTokens.IMPOSTER_RSA;
import static app.tandem.lti.application.IdTokens.INSTRUCTOR;
import static app.tandem.lti.application.IdTokens.ISSUER;
import static app.tandem.lti.application.IdTokens.NOW;
import static app.tandem.lti.application.IdTokens.PLATFORM_EC;
import static app.tandem.lti.application.IdTokens.PLATFORM_RSA;
import static app.tandem.lti.application.IdTokens.compact;
import static app.tandem.lti.application.IdTokens.expected;
import static app.tandem.lti.application.IdTokens.platformJwks;
import static app.tandem.lti.application.IdTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of {@link IdTokenValidator}; each token is valid except for the one thing under test. */
class IdTokenValidatorTest {
    private static final IdTokenValidator VALIDATOR = new IdTokenValidator();
    private static final long SKEW = IdTokenValidator.CLOCK_SKEW.toSeconds();

    private static ValidatedLaunch validate(String idToken) {
        return VALIDATOR.validate(idToken, expected(), NOW);
    }

    private static void assertRejected(String idToken, Rejection reason) {
        assertRejected(idToken, expected(), reason);
    }

    private static void assertRejected(String idToken, IdTokenValidator.Expected expected, Rejection reason) {
        assertThatThrownBy(() -> VALIDATOR.validate(idToken, expected, NOW))
                .isInstanceOfSatisfying(LaunchRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Nested
    class Transport {
        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void missingIdToken(String idToken) {
            assertRejected(idToken, Rejection.MISSING_ID_TOKEN);
        }

        @Test
        void tooLarge() {
            String padded = token().claim("padding", "x".repeat(IdTokenValidator.MAX_TOKEN_LENGTH)).sign();
            assertThat(padded.length()).isGreaterThan(IdTokenValidator.MAX_TOKEN_LENGTH);
            assertRejected(padded, Rejection.TOKEN_TOO_LARGE);
        }

        @Test
        void sizeLimitIsInclusive() {
            String atLimit = "x".repeat(IdTokenValidator.MAX_TOKEN_LENGTH);
            assertRejected(atLimit, Rejection.MALFORMED_TOKEN);
            assertRejected(atLimit + "x", Rejection.TOKEN_TOO_LARGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-jwt", "a.b", "a.b.c.d", "a.b.c.d.e", "%%%.%%%.%%%", "e30.e30.e30"})
        void malformed(String idToken) {
            assertRejected(idToken, Rejection.MALFORMED_TOKEN);
        }

        @Test
        void signedPayloadThatIsNotAClaimsSet() {
            assertRejected(token().sign("just text, validly signed"), Rejection.MALFORMED_TOKEN);
        }
    }

    @Nested
    class Header {
        @Test
        void hs256IsRefusedEvenWithThePublicKeyAsSecret() throws Exception {
            // Algorithm confusion: HMAC keyed with the platform's public key, which anyone can fetch.
            String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + PLATFORM_RSA.getKeyID() + "\"}";
            String payload = token().claimsSet().toString();
            String signingInput = Base64URL.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PLATFORM_RSA.toPublicKey().getEncoded(), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));

            assertRejected(compact(header, payload, signature), Rejection.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void algNoneIsRefused() {
            String unsigned = compact("{\"alg\":\"none\"}", token().claimsSet().toString(), new byte[0]);
            assertThatThrownBy(() -> validate(unsigned)).isInstanceOf(LaunchRejectedException.class);
        }

        @Test
        void algNoneIsReportedAsUnsupportedAlgorithm() {
            String unsigned = compact("{\"alg\":\"none\"}", token().claimsSet().toString(), new byte[0]);
            assertRejected(unsigned, Rejection.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void criticalHeader() {
            assertRejected(token().crit("http://example.com/unknown").sign(), Rejection.CRITICAL_HEADER);
        }
    }

    @Nested
    class Signature {
        @Test
        void unknownKid() {
            assertRejected(token().kid("rotated-away").sign(), Rejection.UNKNOWN_KEY);
        }

        @Test
        void keyOfAnotherTypeUnderTheSameKidIsUnknown() {
            // ES256 header naming the RSA key's kid: no EC key has that kid.
            String token = token().signedWith(PLATFORM_EC, JWSAlgorithm.ES256).kid(PLATFORM_RSA.getKeyID()).sign();
            assertRejected(token, Rejection.UNKNOWN_KEY);
        }

        @Test
        void signedByAnotherKeyWithTheSameKid() {
            assertThat(IMPOSTER_RSA.getKeyID()).isEqualTo(PLATFORM_RSA.getKeyID());
            assertRejected(token().signedWith(IMPOSTER_RSA, JWSAlgorithm.RS256).sign(), Rejection.BAD_SIGNATURE);
        }

        @Test
        void payloadChangedAfterSigning() {
            String[] parts = token().sign().split("\\.");
            String forged = token().claim("sub", "someone-else").claimsSet().toString();
            parts[1] = Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)).toString();
            assertRejected(String.join(".", parts), Rejection.BAD_SIGNATURE);
        }

        @Test
        void jwksUnavailable() {
            JWKSource<SecurityContext> down = (selector, context) -> {
                throw new KeySourceException("connect timed out");
            };
            assertRejected(token().sign(), expected(down, DEPLOYMENT_ID::equals), Rejection.JWKS_UNAVAILABLE);
        }

        @Test
        void unknownKidWhileJwksRefetchIsRateLimited() {
            JWKSource<SecurityContext> limited = (selector, context) -> {
                throw new RateLimitReachedException();
            };
            assertRejected(token().sign(), expected(limited, DEPLOYMENT_ID::equals), Rejection.UNKNOWN_KEY);
        }
    }

    @Nested
    class IssuerAndAudience {
        @Test
        void issuerMismatch() {
            assertRejected(token().claim("iss", "https://other-lms.example.edu").sign(), Rejection.ISSUER_MISMATCH);
        }

        @Test
        void issuerMissing() {
            assertRejected(token().without("iss").sign(), Rejection.ISSUER_MISMATCH);
        }

        @Test
        void audienceMismatchAsString() {
            assertRejected(token().aud("another-tool").sign(), Rejection.AUDIENCE_MISMATCH);
        }

        @Test
        void audienceMismatchAsArray() {
            assertRejected(token().audArray("another-tool", "a-third-tool").claim("azp", "another-tool").sign(),
                    Rejection.AUDIENCE_MISMATCH);
        }

        @Test
        void audienceMissing() {
            assertRejected(token().without("aud").sign(), Rejection.AUDIENCE_MISMATCH);
        }

        @Test
        void severalAudiencesWithoutAzp() {
            assertRejected(token().audArray(CLIENT_ID, "another-tool").sign(), Rejection.AZP_MISSING);
        }

        @Test
        void azpMismatch() {
            assertRejected(token().audArray(CLIENT_ID, "another-tool").claim("azp", "another-tool").sign(),
                    Rejection.AZP_MISMATCH);
        }

        @Test
        void azpMismatchWithASingleAudience() {
            assertRejected(token().claim("azp", "another-tool").sign(), Rejection.AZP_MISMATCH);
        }

        @Test
        void audienceArrayWithAzpIsAccepted() {
            ValidatedLaunch launch = validate(token().audArray("another-tool", CLIENT_ID).claim("azp", CLIENT_ID).sign());
            assertThat(launch.clientId()).isEqualTo(CLIENT_ID);
        }

        @Test
        void singleElementAudienceArrayIsAccepted() {
            String asString = "\"aud\":\"" + CLIENT_ID + "\"";
            String claims = token().claimsSet().toString();
            assertThat(claims).contains(asString);
            String payload = claims.replace(asString, "\"aud\":[\"" + CLIENT_ID + "\"]");
            assertThat(validate(token().sign(payload)).clientId()).isEqualTo(CLIENT_ID);
        }
    }

    @Nested
    class Times {
        @Test
        void missingExp() {
            assertRejected(token().without("exp").sign(), Rejection.MISSING_EXP);
        }

        @Test
        void expiredBeyondTheSkew() {
            assertRejected(token().exp(NOW.minusSeconds(SKEW + 1)).sign(), Rejection.EXPIRED);
        }

        @Test
        void expiredWithinTheSkewIsAccepted() {
            ValidatedLaunch launch = validate(token().exp(NOW.minusSeconds(SKEW)).sign());
            assertThat(launch.expiresAt()).isEqualTo(NOW.minusSeconds(SKEW));
        }

        @Test
        void missingIat() {
            assertRejected(token().without("iat").sign(), Rejection.MISSING_IAT);
        }

        @Test
        void issuedInTheFutureBeyondTheSkew() {
            assertRejected(token().iat(NOW.plusSeconds(SKEW + 1)).sign(), Rejection.ISSUED_IN_FUTURE);
        }

        @Test
        void issuedInTheFutureWithinTheSkewIsAccepted() {
            assertThat(validate(token().iat(NOW.plusSeconds(SKEW)).sign())).isNotNull();
        }

        @Test
        void notYetValidBeyondTheSkew() {
            assertRejected(token().nbf(NOW.plusSeconds(SKEW + 1)).sign(), Rejection.NOT_YET_VALID);
        }

        @Test
        void notBeforeWithinTheSkewIsAccepted() {
            assertThat(validate(token().nbf(NOW.plusSeconds(SKEW)).sign())).isNotNull();
        }
    }

    @Nested
    class LtiClaims {
        @Test
        void nonceMismatch() {
            assertRejected(token().claim("nonce", "a-nonce-from-another-login").sign(), Rejection.NONCE_MISMATCH);
        }

        @Test
        void nonceMissing() {
            assertRejected(token().without("nonce").sign(), Rejection.NONCE_MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.1", "1.3", "1.3.1", ""})
        void wrongVersion(String version) {
            assertRejected(token().lti("version", version).sign(), Rejection.WRONG_VERSION);
        }

        @Test
        void versionMissing() {
            assertRejected(token().lti("version", null).sign(), Rejection.WRONG_VERSION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LtiSubmissionReviewRequest", "ltiresourcelinkrequest", ""})
        void unsupportedMessageType(String messageType) {
            assertRejected(token().lti("message_type", messageType).sign(), Rejection.UNSUPPORTED_MESSAGE_TYPE);
        }

        @Test
        void messageTypeMissing() {
            assertRejected(token().lti("message_type", null).sign(), Rejection.UNSUPPORTED_MESSAGE_TYPE);
        }

        @Test
        void missingDeploymentId() {
            assertRejected(token().lti("deployment_id", null).sign(), Rejection.MISSING_DEPLOYMENT);
        }

        @Test
        void blankDeploymentId() {
            assertRejected(token().lti("deployment_id", " ").sign(), Rejection.MISSING_DEPLOYMENT);
        }

        @Test
        void unregisteredDeployment() {
            List<String> asked = new ArrayList<>();
            IdTokenValidator.Expected expected = expected(platformJwks(), id -> {
                asked.add(id);
                return false;
            });
            assertRejected(token().sign(), expected, Rejection.UNKNOWN_DEPLOYMENT);
            assertThat(asked).containsExactly(DEPLOYMENT_ID);
        }

        @Test
        void rolesNotAnArray() {
            assertRejected(token().lti("roles", INSTRUCTOR).sign(), Rejection.ROLES_NOT_ARRAY);
        }

        @Test
        void rolesMissing() {
            assertRejected(token().lti("roles", null).sign(), Rejection.ROLES_NOT_ARRAY);
        }

        @Test
        void emptyRolesAreAccepted() {
            assertThat(validate(token().lti("roles", List.of()).sign()).roles()).isEmpty();
        }

        @Test
        void resourceLinkRequestWithoutResourceLink() {
            assertRejected(token().lti("resource_link", null).sign(), Rejection.MISSING_RESOURCE_LINK);
        }

        @Test
        void resourceLinkRequestWithoutResourceLinkId() {
            assertRejected(token().lti("resource_link", Map.of("title", "Unit 1")).sign(), Rejection.MISSING_RESOURCE_LINK);
        }

        @Test
        void deepLinkingRequestNeedsNoResourceLink() {
            ValidatedLaunch launch = validate(token()
                    .lti("message_type", IdTokenValidator.DEEP_LINKING_REQUEST)
                    .lti("resource_link", null)
                    .claim(IdTokenValidator.DL_SETTINGS, Map.of("deep_link_return_url", "https://lms.example.edu/dl/return",
                            "accept_types", List.of("ltiResourceLink", "link"), "accept_multiple", "false", "data", "opaque"))
                    .sign());
            assertThat(launch.messageType()).isEqualTo(IdTokenValidator.DEEP_LINKING_REQUEST);
            assertThat(launch.resourceLinkId()).isNull();
            assertThat(launch.deepLinking().returnUrl()).isEqualTo("https://lms.example.edu/dl/return");
            assertThat(launch.deepLinking().acceptMultiple()).isFalse();
            assertThat(launch.deepLinking().data()).isEqualTo("opaque");
        }

        @Test
        void deepLinkingRequestNeedsItsSettings() {
            assertRejected(token().lti("message_type", IdTokenValidator.DEEP_LINKING_REQUEST).sign(), Rejection.DEEP_LINKING_SETTINGS);
            assertRejected(token().lti("message_type", IdTokenValidator.DEEP_LINKING_REQUEST)
                    .claim(IdTokenValidator.DL_SETTINGS, Map.of("deep_link_return_url", "javascript:alert(1)", "accept_types", List.of("ltiResourceLink")))
                    .sign(), Rejection.DEEP_LINKING_SETTINGS);
        }

        @Test
        void deepLinkingRequestMustAcceptLtiLinks() {
            assertRejected(token().lti("message_type", IdTokenValidator.DEEP_LINKING_REQUEST)
                    .claim(IdTokenValidator.DL_SETTINGS, Map.of("deep_link_return_url", "https://lms.example.edu/dl", "accept_types", List.of("file", "html")))
                    .sign(), Rejection.DEEP_LINKING_TYPES);
        }

        @Test
        void moodleBooleanStringsAreRead() {
            ValidatedLaunch launch = validate(token().lti("message_type", IdTokenValidator.DEEP_LINKING_REQUEST)
                    .claim(IdTokenValidator.DL_SETTINGS, Map.of("deep_link_return_url", "https://lms.example.edu/dl",
                            "accept_types", List.of("ltiResourceLink"), "accept_multiple", "true"))
                    .sign());
            assertThat(launch.deepLinking().acceptMultiple()).isTrue();
        }

        @Test
        void missingSubject() {
            assertRejected(token().without("sub").sign(), Rejection.MISSING_SUBJECT);
        }

        @Test
        void blankSubject() {
            assertRejected(token().claim("sub", "  ").sign(), Rejection.MISSING_SUBJECT);
        }

        @Test
        void subjectLongerThan255Characters() {
            assertRejected(token().claim("sub", "s".repeat(256)).sign(), Rejection.SUBJECT_TOO_LONG);
        }

        @Test
        void subjectOf255CharactersIsAccepted() {
            assertThat(validate(token().claim("sub", "s".repeat(255)).sign()).subject()).hasSize(255);
        }
    }

    @Nested
    class Accepted {
        @Test
        void theDefaultTestTokenPasses() {
            // Every rejection test changes one thing of this token: it must pass as it is.
            assertThat(validate(token().sign()).subject()).isEqualTo("user-42");
        }

        @Test
        void rs256() {
            assertThat(validate(token().signedWith(PLATFORM_RSA, JWSAlgorithm.RS256).sign()).issuer()).isEqualTo(ISSUER);
        }

        @Test
        void ps256() {
            assertThat(validate(token().signedWith(PLATFORM_RSA, JWSAlgorithm.PS256).sign()).issuer()).isEqualTo(ISSUER);
        }

        @Test
        void es256() {
            assertThat(validate(token().signedWith(PLATFORM_EC, JWSAlgorithm.ES256).sign()).issuer()).isEqualTo(ISSUER);
        }

        @Test
        void tokenWithoutKidIsCheckedAgainstThePlatformsKeys() {
            assertThat(validate(token().kid(null).sign()).subject()).isEqualTo("user-42");
            assertRejected(token().signedWith(IMPOSTER_RSA, JWSAlgorithm.RS256).kid(null).sign(), Rejection.BAD_SIGNATURE);
        }

        @Test
        void validatedLaunchCarriesTheClaims() {
            Instant exp = NOW.plusSeconds(120);
            ValidatedLaunch launch = validate(token()
                    .exp(exp)
                    .lti("roles", Arrays.asList(INSTRUCTOR, 42, "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
                    .lti("launch_presentation", Map.of("document_target", "iframe",
                            "return_url", "https://lms.example.edu/courses/9/return"))
                    .lti("tool_platform", Map.of("guid", "platform-guid-1", "name", "Example LMS"))
                    .lti("custom", Map.of("unit", "3", "flag", true))
                    .sign());

            assertThat(launch.issuer()).isEqualTo(ISSUER);
            assertThat(launch.clientId()).isEqualTo(CLIENT_ID);
            assertThat(launch.deploymentId()).isEqualTo(DEPLOYMENT_ID);
            assertThat(launch.messageType()).isEqualTo(IdTokenValidator.RESOURCE_LINK_REQUEST);
            assertThat(launch.subject()).isEqualTo("user-42");
            assertThat(launch.name()).isEqualTo("Ada Lovelace");
            assertThat(launch.givenName()).isEqualTo("Ada");
            assertThat(launch.familyName()).isEqualTo("Lovelace");
            assertThat(launch.email()).isEqualTo("ada@example.edu");
            assertThat(launch.roles()).containsExactly(INSTRUCTOR, "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
            assertThat(launch.contextId()).isEqualTo("course-9");
            assertThat(launch.contextTitle()).isEqualTo("Algebra I");
            assertThat(launch.contextLabel()).isEqualTo("ALG1");
            assertThat(launch.hasContext()).isTrue();
            assertThat(launch.resourceLinkId()).isEqualTo("link-7");
            assertThat(launch.targetLinkUri()).isEqualTo("https://tool.example/tandem/lti/launch");
            assertThat(launch.returnUrl()).isEqualTo("https://lms.example.edu/courses/9/return");
            assertThat(launch.platformGuid()).isEqualTo("platform-guid-1");
            assertThat(launch.custom()).containsEntry("unit", "3").containsEntry("flag", "true").hasSize(2);
            assertThat(launch.expiresAt()).isEqualTo(exp);
            assertThat(launch.displayName()).isEqualTo("Ada Lovelace");
        }

        @Test
        void optionalClaimsMayBeAbsent() {
            ValidatedLaunch launch = validate(token()
                    .without("name").without("given_name").without("family_name").without("email")
                    .lti("context", null).lti("target_link_uri", null)
                    .sign());
            assertThat(launch.name()).isNull();
            assertThat(launch.displayName()).isNull();
            assertThat(launch.contextId()).isNull();
            assertThat(launch.hasContext()).isFalse();
            assertThat(launch.returnUrl()).isNull();
            assertThat(launch.platformGuid()).isNull();
            assertThat(launch.custom()).isEmpty();
        }
    }
}

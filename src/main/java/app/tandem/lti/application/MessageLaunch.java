package app.tandem.lti.application;

import app.tandem.common.Settings;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.domain.DeploymentEntity;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The launch (LTI Core §5.1.3 / Security Framework §5.1.3): state bound to this browser, id_token fully
 * validated, nonce used once, deployment mapped to a district, roles mapped; then the roster is updated and a
 * launch session opened. Any failure raises {@link LaunchRejectedException} and creates nothing.
 */
@ApplicationScoped
public class MessageLaunch {
    @Inject
    StateTokens stateTokens;

    @Inject
    RegistrationService registrations;

    @Inject
    PlatformKeys platformKeys;

    @Inject
    DeploymentAdoption adoption;

    @Inject
    LaunchRoster roster;

    @Inject
    LaunchSessionService sessions;

    @Inject
    LoginInitiation login;

    @Inject
    Settings settings;

    @Inject
    LaunchEvents events;

    @Inject
    CoordinatorGrantDirectory grants;

    private final IdTokenValidator validator = new IdTokenValidator();

    /** A launch that passed: its context, and the state whose browser-binding cookie can now be cleared. */
    public record Launched(LaunchContext context, String stateId) {
    }

    /** The browser sent no cookie, but the platform keeps the binding in its storage: the page must fetch it first. */
    public static class PlatformStorageNeeded extends RuntimeException {
        public final String target;
        public final String origin;
        public final String key;
        public final String newWindowUrl;

        PlatformStorageNeeded(String target, String origin, String key, String newWindowUrl) {
            super("binding must be read from platform storage", null, false, false);
            this.target = target;
            this.origin = origin;
            this.key = key;
            this.newWindowUrl = newWindowUrl;
        }
    }

    /**
     * Binds the state to this browser — decision order: (1) the state cookie, (2) the value read from the LMS's
     * platform storage (when the login offered lti_storage_target), (3) otherwise refuse with a way to open
     * Tandem in a new window — then validates and records the launch.
     *
     * @param cookies      the request's cookie values by name
     * @param storageProof the binding secret the launch page read from platform storage, or null
     */
    public Launched launch(String idToken, String state, Function<String, String> cookies, String storageProof, Instant now) {
        StateTokens.LoginState login = stateTokens.verify(state, now);
        try {
            return launch(idToken, login, cookies, storageProof, now);
        } catch (LaunchRejectedException e) {
            events.rejected(login.registrationId(), now, e.reason());
            throw e;
        }
    }

    private Launched launch(String idToken, StateTokens.LoginState login, Function<String, String> cookies, String storageProof, Instant now) {
        String cookie = cookies.apply(StateTokens.cookieName(login.id()));
        if (!login.boundBy(cookie) && !login.boundBy(storageProof)) {
            PlatformRegistrationEntity reg = registrations.cachedEntity(login.registrationId());
            if (login.storageTarget() != null && storageProof == null && reg != null) {
                throw new PlatformStorageNeeded(login.storageTarget(), Origins.of(reg.authEndpoint),
                        StateTokens.storageKey(login.id()), this.login.newWindowUrl(login));
            }
            throw new LaunchRejectedException(Rejection.STATE_NOT_IN_BROWSER,
                    cookie == null && storageProof == null ? "no state cookie and no platform storage" : "binding does not match the state",
                    new LaunchRejectedException.RetryHint(this.login.newWindowUrl(login)));
        }
        PlatformRegistrationEntity reg = registrations.cachedEntity(login.registrationId());
        if (reg == null) {
            throw new LaunchRejectedException(Rejection.UNKNOWN_PLATFORM, "registration removed during the login");
        }
        DeploymentEntity[] deployment = new DeploymentEntity[1];
        Predicate<String> registered = id -> {
            deployment[0] = registrations.cachedDeployment(reg.id, id).or(() -> adoption.adopt(reg.id, id)).orElse(null);
            return deployment[0] != null;
        };
        ValidatedLaunch launch = validator.validate(idToken,
                new IdTokenValidator.Expected(reg.issuer, reg.clientId, login.nonce(), platformKeys.forJwksUrl(reg.jwksUrl), registered),
                now);
        if (launch.targetLinkUri() != null && !Origins.isUnder(launch.targetLinkUri(), settings.baseUrl())) {
            throw new LaunchRejectedException(Rejection.TARGET_NOT_TOOL, "id_token target_link_uri outside the tool");
        }
        Set<AppRole> roles = AppRole.fromLtiRoles(launch.roles());
        if (!roles.contains(AppRole.COORDINATOR) && grants.isGranted(deployment[0].districtId, reg.id, launch.subject())) {
            roles.add(AppRole.COORDINATOR);
        }
        AppRole primary = primaryRole(launch, roles);

        Instant tokenExpiry = launch.expiresAt().isAfter(login.expiresAt()) ? launch.expiresAt() : login.expiresAt();
        Instant nonceUntil = tokenExpiry.plus(IdTokenValidator.CLOCK_SKEW);

        List<String> frameOrigins = frameOrigins(reg, launch);
        Instant sessionExpiry = now.plus(settings.sessionLifetime());
        LaunchRoster.Opened opened;
        try {
            opened = roster.record(launch, login.nonce(), nonceUntil, reg.id, deployment[0].id, deployment[0].districtId, roles, primary,
                    frameOrigins, sessionExpiry);
        } catch (PersistenceException | TransactionalException e) {
            // Two first launches of the same person or course at once: the loser's insert hit a unique key. Now the
            // rows exist, so the retry only updates them.
            opened = roster.record(launch, login.nonce(), nonceUntil, reg.id, deployment[0].id, deployment[0].districtId, roles, primary,
                    frameOrigins, sessionExpiry);
        }
        events.accepted(reg.id, now, launch.issuedAt(), login.boundBy(cookie) ? LaunchEvents.Binding.COOKIE : LaunchEvents.Binding.PLATFORM_STORAGE);
        return new Launched(sessions.toContext(opened.token(), opened.session()), login.id());
    }

    static AppRole primaryRole(ValidatedLaunch launch, Set<AppRole> roles) {
        if (launch.hasContext() && roles.contains(AppRole.TEACHER)) {
            return AppRole.TEACHER;
        }
        if (roles.contains(AppRole.COORDINATOR)) {
            return AppRole.COORDINATOR;
        }
        if (launch.hasContext() && roles.contains(AppRole.STUDENT)) {
            return AppRole.STUDENT;
        }
        if (!launch.hasContext() && (roles.contains(AppRole.TEACHER) || roles.contains(AppRole.STUDENT))) {
            throw new LaunchRejectedException(Rejection.MISSING_CONTEXT, "course role without a context claim");
        }
        throw new LaunchRejectedException(Rejection.NO_TANDEM_ROLE, "roles " + launch.roles());
    }

    private static List<String> frameOrigins(PlatformRegistrationEntity reg, ValidatedLaunch launch) {
        Set<String> origins = new LinkedHashSet<>();
        addOrigin(origins, reg.issuer);
        addOrigin(origins, reg.authEndpoint);
        addOrigin(origins, launch.returnUrl());
        if (reg.frameOrigins != null) {
            for (String o : reg.frameOrigins.split(" ")) {
                addOrigin(origins, o);
            }
        }
        return new ArrayList<>(origins);
    }

    private static void addOrigin(Set<String> origins, String url) {
        String origin = Origins.of(url);
        if (origin != null) {
            origins.add(origin);
        }
    }
}

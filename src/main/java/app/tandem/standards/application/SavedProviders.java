package app.tandem.standards.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.SecretBox;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.CaseProviderClient.Credentials;
import app.tandem.standards.application.CaseProviderClient.Kind;
import app.tandem.standards.application.CaseProviderClient.Listing;
import app.tandem.standards.application.CaseProviderClient.ProviderException;
import app.tandem.standards.application.CaseProviderClient.Target;
import app.tandem.standards.domain.ProviderStore;
import app.tandem.standards.domain.ProviderStore.Provider;
import app.tandem.standards.domain.ProviderStore.Source;
import app.tandem.standards.domain.StandardsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A district's saved CASE providers (docs/standards.md, "Saved CASE providers"): a coordinator saves a provider's
 * address with optional OAuth 2 client credentials once, then browses its frameworks, imports one, re-imports a
 * newer version in one click and checks for updates. The client secret is encrypted with the master key
 * ({@link SecretBox}) before it is stored, decrypted only to ask the token endpoint, and never returned, logged or
 * shown (forms say "saved — leave blank to keep"). Coordinators only; another district's provider or framework is
 * "not found".
 */
@ApplicationScoped
public class SavedProviders {
    private static final Logger LOG = Logger.getLogger(SavedProviders.class.getName());

    @Inject
    ProviderStore providers;

    @Inject
    StandardsStore store;

    @Inject
    StandardsService standards;

    @Inject
    ProviderImports imports;

    @Inject
    SecretBox secrets;

    @Inject
    AuditTrail audit;

    /** What a form or the API sent. A blank secret on an edit keeps the stored one. */
    public record Form(String name, String url, String tokenUrl, String clientId, String clientSecret, String scope) {
        @Override
        public String toString() {
            return "SavedProviders.Form[" + name + ", " + url + ", client " + clientId + ", secret hidden]";
        }
    }

    /** The answer of "Check for update". */
    public record UpdateCheck(boolean newer, String remoteLastChange, String importedLastChange, String message) {
    }

    public List<Provider> list(LaunchContext launch) {
        standards.requireCoordinator(launch);
        return providers.providers(launch.districtId());
    }

    public Provider get(LaunchContext launch, String id) {
        standards.requireCoordinator(launch);
        return providers.provider(launch.districtId(), id == null ? "" : id)
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such CASE provider in your district.", Map.of()));
    }

    public Provider create(LaunchContext launch, Form form) {
        standards.requireCoordinator(launch);
        Provider p = checked(launch, Tokens.newId(), form, null);
        audit.together(() -> {
            providers.insert(p, launch.personId());
            audit(launch, "provider.created", p, "address: " + p.baseUrl() + (p.clientId() == null ? "" : "; client id: " + p.clientId()));
        });
        LOG.info(() -> "saved CASE provider " + p.id() + " (" + p.baseUrl() + ") for district " + launch.districtId());
        return get(launch, p.id());
    }

    public Provider update(LaunchContext launch, String id, Form form) {
        Provider old = get(launch, id);
        Provider p = checked(launch, old.id(), form, old);
        audit.together(() -> {
            if (!providers.update(p, launch.personId())) {
                throw new InvalidRequestException(404, "There is no such CASE provider in your district.", Map.of());
            }
            audit(launch, "provider.updated", p, "address: " + p.baseUrl() + (p.clientId() == null ? "" : "; client id: " + p.clientId())
                    + (form.clientSecret() == null || form.clientSecret().isBlank() ? "" : "; new client secret"));
        });
        LOG.info(() -> "updated CASE provider " + p.id() + " of district " + launch.districtId());
        return get(launch, id);
    }

    /** Deletes a provider; the frameworks imported from it stay (they lose the one-click re-import). */
    public void delete(LaunchContext launch, String id) {
        Provider p = get(launch, id);
        audit.together(() -> {
            providers.delete(launch.districtId(), p.id());
            audit(launch, "provider.deleted", p, "address: " + p.baseUrl());
        });
        LOG.info(() -> "deleted CASE provider " + p.id() + " of district " + launch.districtId());
    }

    /** The district audit log's entry of a provider change: address and client id, never the secret. */
    private void audit(LaunchContext launch, String action, Provider p, String details) {
        audit.record(launch.districtId(), StandardsService.actor(launch), action, AuditTrail.Target.of("provider", p.id(), p.name()), details);
    }

    /** The provider's CFDocuments (fetched now, bounded by 30 s); a provider problem is a 400 naming it. */
    public Listing browse(LaunchContext launch, String id) {
        Provider p = get(launch, id);
        CaseProviderClient http = imports.client();
        Target t = CaseProviderClient.target(p.baseUrl());
        return asRequestProblem("provider", () -> http.documents(t, bearer(http, p)));
    }

    /** Imports one document of the provider's listing (its package URL, which must be on the provider): a job id. */
    public String importPackage(LaunchContext launch, String id, String packageUrl, boolean validateOnly) {
        Provider p = get(launch, id);
        if (packageUrl == null || packageUrl.isBlank()) {
            throw new InvalidRequestException("Choose the framework to import (package).", Map.of("package", "required"));
        }
        Target t = asRequestProblem("package", () -> CaseProviderClient.target(packageUrl));
        Target root = CaseProviderClient.target(p.baseUrl());
        if (t.kind() != Kind.PACKAGE || !t.root().equals(root.root())) {
            throw new InvalidRequestException("The package must be a …/CFPackages/{identifier} URL of this provider (" + root.root() + ").",
                    Map.of("package", "not a package of this provider"));
        }
        return imports.startSaved(launch, p.id(), t.uri(), credentials(p), validateOnly);
    }

    /** Fetches the framework's package again from its saved provider with the stored credentials: a job id. */
    public String reimport(LaunchContext launch, String frameworkId) {
        Source s = sourceWithProvider(launch, frameworkId);
        Provider p = get(launch, s.providerId());
        return imports.startSaved(launch, p.id(), URI.create(s.packageUrl()), credentials(p), false);
    }

    /**
     * Asks the provider for the CFDocument's lastChangeDateTime (the document, else the listing) and compares it with
     * the one imported. Cheap: no package is downloaded.
     */
    public UpdateCheck checkForUpdate(LaunchContext launch, String frameworkId) {
        Source s = sourceWithProvider(launch, frameworkId);
        Provider p = get(launch, s.providerId());
        CaseProviderClient http = imports.client();
        String remote = asRequestProblem("provider", () -> http.lastChange(URI.create(s.packageUrl()), bearer(http, p)));
        return compare(remote, s.lastChange());
    }

    static UpdateCheck compare(String remote, String imported) {
        if (remote == null) {
            return new UpdateCheck(false, null, imported, "The provider does not say when this framework last changed "
                    + "(no lastChangeDateTime): re-import to be sure you have the latest version.");
        }
        boolean newer;
        if (imported == null) {
            newer = true;
        } else {
            try {
                newer = OffsetDateTime.parse(normalise(remote)).isAfter(OffsetDateTime.parse(normalise(imported)));
            } catch (DateTimeParseException e) {
                newer = !remote.strip().equals(imported.strip());
            }
        }
        return new UpdateCheck(newer, remote, imported, newer ? "A newer version is available (changed " + remote + ")."
                : "Up to date (last changed " + remote + ").");
    }

    /** "2017-09-22T23:13:54+00:00", "…Z", or a date alone. */
    private static String normalise(String s) {
        String t = s.strip();
        if (t.length() == 10) {
            return t + "T00:00:00Z";
        }
        if (t.length() == 19) {
            return t + "Z";
        }
        return t;
    }

    /** The provider source of a framework of the launch's district, for the framework page (empty when none). */
    public Optional<Source> source(LaunchContext launch, String frameworkId) {
        if (!standards.coordinator(launch)) {
            return Optional.empty();
        }
        return providers.source(launch.districtId(), frameworkId);
    }

    private Source sourceWithProvider(LaunchContext launch, String frameworkId) {
        standards.requireCoordinator(launch);
        standards.framework(launch, frameworkId);
        Source s = providers.source(launch.districtId(), frameworkId)
                .orElseThrow(() -> new InvalidRequestException(409, "This framework was not fetched from a saved CASE provider: "
                        + "import it again from a file or a provider.", Map.of()));
        if (s.providerId() == null) {
            throw new InvalidRequestException(409, "The CASE provider this framework was fetched from was deleted: save the provider "
                    + "again and import the framework from it.", Map.of());
        }
        return s;
    }

    Credentials credentials(Provider p) {
        if (!p.hasCredentials() || p.tokenUrl() == null) {
            return null;
        }
        String secret;
        try {
            secret = secrets.decrypt(p.secretJwe());
        } catch (IllegalStateException e) {
            LOG.warning(() -> "the client secret of CASE provider " + p.id() + " cannot be decrypted with this server's master key");
            throw new InvalidRequestException(409, "The saved client secret of " + p.name() + " cannot be read with this server's master key "
                    + "(was TANDEM_MASTER_KEY changed?): edit the provider and enter the secret again.", Map.of("clientSecret", "unreadable"));
        }
        return new Credentials(URI.create(p.tokenUrl()), p.clientId(), secret, p.scope());
    }

    private String bearer(CaseProviderClient http, Provider p) {
        Credentials c = credentials(p);
        return c == null ? null : http.accessToken(c);
    }

    // ---- validation ----------------------------------------------------------------------------------------

    private Provider checked(LaunchContext launch, String id, Form f, Provider old) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = f.name() == null ? "" : f.name().strip();
        if (name.isEmpty()) {
            errors.put("name", "required");
        } else if (name.length() > 200) {
            errors.put("name", "at most 200 characters");
        }
        CaseProviderClient http = imports.client();
        Target target = null;
        try {
            if (f.url() != null && f.url().length() > 2000) {
                errors.put("url", "at most 2000 characters");
            } else {
                target = CaseProviderClient.target(f.url());
                if (target.kind() == Kind.PACKAGE) {
                    errors.put("url", "enter the provider's address or its …/CFDocuments listing, not one package");
                    target = null;
                } else {
                    http.checkAddress(target.uri());
                }
            }
        } catch (ProviderException e) {
            errors.put("url", e.code() + ": " + e.getMessage());
            target = null;
        }
        boolean keepSecret = old != null && old.secretJwe() != null && blank(f.clientSecret());
        boolean any = !blank(f.tokenUrl()) || !blank(f.clientId()) || !blank(f.clientSecret());
        String tokenUrl = null;
        String clientId = null;
        String secretJwe = null;
        String scope = blank(f.scope()) ? null : f.scope().strip();
        if (scope != null && scope.length() > 2000) {
            errors.put("scope", "at most 2000 characters");
        }
        if (any) {
            if (blank(f.tokenUrl())) {
                errors.put("tokenUrl", "required with client credentials");
            }
            if (blank(f.clientId())) {
                errors.put("clientId", "required with client credentials");
            } else if (f.clientId().strip().length() > 500) {
                errors.put("clientId", "at most 500 characters");
            }
            if (blank(f.clientSecret()) && !keepSecret) {
                errors.put("clientSecret", "required with client credentials");
            } else if (!blank(f.clientSecret()) && f.clientSecret().length() > 2000) {
                errors.put("clientSecret", "at most 2000 characters");
            }
            if (!blank(f.tokenUrl())) {
                try {
                    if (f.tokenUrl().length() > 2000) {
                        throw new ProviderException("invalid_url", "The token URL is longer than 2000 characters.");
                    }
                    URI token = CaseProviderClient.parseUrl(f.tokenUrl(), "token URL");
                    http.checkAddress(token);
                    http.requireSecureFor(token, "token URL");
                    tokenUrl = token.toString();
                } catch (ProviderException e) {
                    errors.put("tokenUrl", e.code() + ": " + e.getMessage());
                }
            }
            if (target != null) {
                try {
                    http.requireSecureFor(target.uri(), "provider URL");
                } catch (ProviderException e) {
                    errors.put("url", e.code() + ": " + e.getMessage());
                }
            }
            clientId = blank(f.clientId()) ? null : f.clientId().strip();
            if (errors.isEmpty()) {
                secretJwe = keepSecret ? old.secretJwe() : secrets.encrypt(f.clientSecret());
            }
        }
        if (!errors.isEmpty()) {
            String first = errors.values().iterator().next();
            throw new InvalidRequestException("The CASE provider could not be saved: " + errors.keySet().iterator().next() + " — "
                    + first, errors);
        }
        String base = target.kind() == Kind.LISTING ? target.uri().toString() : target.root();
        return new Provider(id, launch.districtId(), name, base, tokenUrl, clientId, secretJwe, scope, null, null, 0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Provider problems answered while the coordinator waits are the request's problem: a 400 naming the field. */
    private static <T> T asRequestProblem(String field, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ProviderException e) {
            throw new InvalidRequestException(e.getMessage(), Map.of(field, e.code()));
        }
    }
}

package app.tandem.standards.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Settings;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.CaseProviderClient.Credentials;
import app.tandem.standards.application.CaseProviderClient.Kind;
import app.tandem.standards.application.CaseProviderClient.Listing;
import app.tandem.standards.application.CaseProviderClient.ProviderException;
import app.tandem.standards.application.CaseProviderClient.Target;
import app.tandem.standards.domain.ProviderStore;
import app.tandem.standards.domain.StandardsStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports from a CASE provider: a coordinator gives a package URL ({@code …/ims/case/v1p0|v1p1/CFPackages/{id}}),
 * or a listing / base URL and then picks one of its CFDocuments, with optional OAuth 2 client credentials. The
 * URL and the addresses it resolves to are checked at once (a 400 names the field); the token request and the
 * download run in the background job, which then runs the ordinary import pipeline on the downloaded file (same
 * progress bar, report and all-or-nothing transaction). A provider problem ends the job with a report that says what
 * went wrong; nothing is imported. Typed-in credentials live only in the job's memory until the token is obtained:
 * they are never stored, logged or echoed back. A saved provider ({@link SavedProviders}) starts the same job with
 * its stored credentials, and a committed import then records the framework's source (provider, package URL,
 * fetched at, lastChangeDateTime) for one-click re-import and "Check for update".
 */
@ApplicationScoped
public class ProviderImports {
    private static final Logger LOG = Logger.getLogger(ProviderImports.class.getName());

    @Inject
    ImportJobs jobs;

    @Inject
    StandardsService standards;

    @Inject
    StandardsStore store;

    @Inject
    Settings settings;

    @Inject
    ProviderStore providerStore;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "tandem.standards.provider-allow-loopback", defaultValue = "false")
    boolean allowLoopback;

    @Inject
    @ConfigProperty(name = "tandem.standards.provider-allow-private", defaultValue = "false")
    boolean allowPrivate;

    @Inject
    @ConfigProperty(name = "tandem.standards.provider-timeout-seconds", defaultValue = "600")
    long timeoutSeconds;

    @Inject
    @ConfigProperty(name = "tandem.standards.max-upload-mb", defaultValue = "1024")
    long maxMb;

    private volatile CaseProviderClient client;

    /** What the form or the API sent. {@code packageUrl}: a document picked from a listing. */
    public record Request(String url, String packageUrl, String tokenUrl, String clientId, String clientSecret, String scope) {
        @Override
        public String toString() {
            return "ProviderImports.Request[" + url + ", " + packageUrl + ", client " + clientId + ", secret hidden]";
        }
    }

    /** Either a job was started or the URL was a listing and the documents are offered. */
    public record Outcome(String jobId, Listing listing) {
    }

    CaseProviderClient client() {
        CaseProviderClient c = client;
        if (c == null) {
            c = new CaseProviderClient(new CaseProviderClient.Policy(allowLoopback, allowPrivate, Duration.ofSeconds(10),
                    Duration.ofSeconds(Math.max(1, timeoutSeconds)), maxMb * 1024 * 1024));
            client = c;
        }
        return c;
    }

    /** A package URL starts a job; a listing or base URL answers its documents (fetched now, bounded by 30 s). */
    public Outcome start(LaunchContext launch, Request r, boolean validateOnly) {
        standards.requireCoordinator(launch);
        CaseProviderClient http = client();
        Target target = checked("url", () -> CaseProviderClient.target(r.url()));
        if (r.packageUrl() != null && !r.packageUrl().isBlank()) {
            target = checked("package", () -> CaseProviderClient.target(r.packageUrl()));
            if (target.kind() != Kind.PACKAGE) {
                throw new InvalidRequestException("The chosen document is not a …/CFPackages/{identifier} URL.", Map.of("package", "not a package URL"));
            }
        }
        Credentials credentials = credentials(r, http);
        Target t = target;
        checked("url", () -> {
            http.checkAddress(t.uri());
            if (credentials != null) {
                http.requireSecureFor(t.uri(), "provider URL");
            }
            return null;
        });
        if (t.kind() == Kind.PACKAGE) {
            return new Outcome(submit(launch, t.uri(), credentials, validateOnly, null), null);
        }
        Listing listing = checked("url", () -> http.documents(t, credentials == null ? null : http.accessToken(credentials)));
        return new Outcome(null, listing);
    }

    private Credentials credentials(Request r, CaseProviderClient http) {
        boolean any = notBlank(r.tokenUrl()) || notBlank(r.clientId()) || notBlank(r.clientSecret());
        if (!any) {
            return null;
        }
        Map<String, String> missing = new LinkedHashMap<>();
        if (!notBlank(r.tokenUrl())) {
            missing.put("tokenUrl", "required with client credentials");
        }
        if (!notBlank(r.clientId())) {
            missing.put("clientId", "required with client credentials");
        }
        if (!notBlank(r.clientSecret())) {
            missing.put("clientSecret", "required with client credentials");
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("OAuth 2 client credentials need the token URL, the client id and the secret.", missing);
        }
        if (r.clientId().length() > 500 || r.clientSecret().length() > 2000 || (r.scope() != null && r.scope().length() > 2000)) {
            throw new InvalidRequestException("The client credentials are too long.", Map.of("clientSecret", "too long"));
        }
        URI token = checked("tokenUrl", () -> CaseProviderClient.parseUrl(r.tokenUrl(), "token URL"));
        checked("tokenUrl", () -> {
            http.checkAddress(token);
            http.requireSecureFor(token, "token URL");
            return null;
        });
        return new Credentials(token, r.clientId().strip(), r.clientSecret(), r.scope());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Provider problems found before a job exists are the request's problem: a 400 naming the field. */
    private static <T> T checked(String field, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ProviderException e) {
            throw new InvalidRequestException(e.getMessage(), Map.of(field, e.code()));
        }
    }

    /** A package of a saved provider (checked by {@link SavedProviders}), with its stored credentials: a job id. */
    String startSaved(LaunchContext launch, String providerId, URI packageUrl, Credentials credentials, boolean validateOnly) {
        standards.requireCoordinator(launch);
        CaseProviderClient http = client();
        checked("url", () -> {
            http.checkAddress(packageUrl);
            if (credentials != null) {
                http.requireSecureFor(packageUrl, "provider URL");
            }
            return null;
        });
        return submit(launch, packageUrl, credentials, validateOnly, providerId);
    }

    private String submit(LaunchContext launch, URI packageUrl, Credentials credentials, boolean validateOnly, String providerId) {
        String jobId = Tokens.newId();
        String name = CaseProviderClient.display(packageUrl);
        String districtId = launch.districtId();
        String personId = launch.personId();
        var actor = jobs.create(launch, jobId, providerId == null ? "url" : "saved provider " + providerId + ", url", name, 0, validateOnly);
        executor.execute(() -> {
            run(jobId, districtId, personId, packageUrl, credentials, validateOnly, providerId);
            jobs.finished(districtId, actor, jobId, name);
        });
        return jobId;
    }

    /** Token, download, then the ordinary import job; a provider problem ends the job with its report. Never throws. */
    void run(String jobId, String districtId, String personId, URI packageUrl, Credentials credentials, boolean validateOnly,
             String providerId) {
        Path dir = settings.dataDir().resolve("standards-uploads");
        Path file = dir.resolve(jobId + ".download");
        String name = CaseProviderClient.display(packageUrl);
        long start = System.nanoTime();
        long[] last = {0};
        try {
            store.jobStarted(jobId);
            Files.createDirectories(dir);
            CaseProviderClient http = client();
            String bearer = null;
            if (credentials != null) {
                store.jobProgress(jobId, "signing in to the provider", "case-json", 0, 0, 0, 0, 0);
                bearer = http.accessToken(credentials);
            }
            store.jobProgress(jobId, "downloading", "case-json", 0, 0, 0, 0, 0);
            long size = http.download(packageUrl, bearer, file, bytes -> {
                long now = System.nanoTime();
                if (now - last[0] >= 500_000_000L) {
                    last[0] = now;
                    store.jobProgress(jobId, "downloading (" + (bytes >> 10) + " KB)", "case-json", 0, 0, 0, 0, 0);
                }
            });
            store.jobSize(jobId, size);
            LOG.info(() -> "standards import " + jobId + ": downloaded " + size + " bytes from " + name + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            // a saved provider's import records the framework's source before the job is reported finished
            jobs.run(jobId, districtId, personId, file, name, size, validateOnly, providerId == null || validateOnly ? null
                    : frameworkId -> providerStore.recordSource(frameworkId, providerId, packageUrl.toString()));
        } catch (ProviderException e) {
            deleteQuietly(file);
            LOG.info(() -> "standards import " + jobId + " from " + name + " refused: " + e.code());
            store.jobFinished(jobId, false, "case-json", null, null, 0, 0, 1, 0, ImportReports.problem(e.code(), e.getMessage()
                    + " Nothing was imported."));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            String incident = Tokens.newId().substring(0, 8);
            LOG.log(Level.SEVERE, "standards import " + jobId + " from " + name + " failed (incident " + incident + ")", e);
            try {
                store.jobFinished(jobId, false, "case-json", null, null, 0, 0, 1, 0, ImportReports.problem(
                        "The download stopped on an unexpected problem (incident " + incident + "). Nothing was imported."));
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "could not record the failure of job " + jobId, again);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover download is harmless
        }
    }
}

package app.tandem.standards.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Settings;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.domain.ImportReport;
import app.tandem.standards.domain.StandardsStore;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Framework imports as background jobs: the upload is spooled to TANDEM_DATA_DIR/standards-uploads (never held in
 * memory), a job row is created, and a managed executor runs the import in one local transaction while the job
 * row reports phase, percentage (bytes read), items/s and errors so far for the progress bar. The final report is
 * stored on the job. A request thread never waits for an import.
 */
@ApplicationScoped
public class ImportJobs {
    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());

    @Inject
    StandardsStore store;

    @Inject
    SearchService search;

    @Inject
    Settings settings;

    @Inject
    StandardsService standards;

    @Inject
    AuditTrail audit;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "tandem.standards.max-upload-mb", defaultValue = "1024")
    long maxUploadMb;

    void onStart(@Observes @Priority(60) @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            int n = store.failStaleJobs(10, ImportReports.problem("The server stopped while this import was running. Nothing was "
                    + "imported; please upload the file again."));
            if (n > 0) {
                LOG.info(() -> n + " interrupted standards import job(s) marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not check for interrupted import jobs", e);
        }
    }

    /** Spools the upload and starts the job; returns its id. Coordinators only, for their own district. */
    public String submit(LaunchContext launch, InputStream body, String fileName) {
        return submit(launch, body, fileName, false);
    }

    /** With {@code validateOnly}, the job checks the file and reports, writing nothing (a dry run). */
    public String submit(LaunchContext launch, InputStream body, String fileName, boolean validateOnly) {
        standards.requireCoordinator(launch);
        String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        String jobId = Tokens.newId();
        Path dir = settings.dataDir().resolve("standards-uploads");
        Path file = dir.resolve(jobId + ".upload");
        long size;
        try {
            Files.createDirectories(dir);
            size = copyLimited(body, file, maxUploadMb * 1024 * 1024);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
        if (size < 0) {
            deleteQuietly(file);
            throw new InvalidRequestException(413, "The file is larger than this server accepts (" + maxUploadMb + " MB).", Map.of("file", "too large"));
        }
        if (size == 0) {
            deleteQuietly(file);
            throw new InvalidRequestException("The file is empty.", Map.of("file", "empty"));
        }
        String sourceName = name;
        AuditTrail.Actor actor = create(launch, jobId, "file", name, size, validateOnly);
        executor.execute(() -> {
            run(jobId, launch.districtId(), launch.personId(), file, sourceName, size, validateOnly, null);
            finished(launch.districtId(), actor, jobId, sourceName);
        });
        return jobId;
    }

    /**
     * Creates an import job and, in the same transaction, records its start in the district audit log (the file name
     * or URL); answers the actor for the entry of its end.
     */
    AuditTrail.Actor create(LaunchContext launch, String jobId, String kind, String source, long size, boolean validateOnly) {
        AuditTrail.Actor actor = StandardsService.actor(launch);
        audit.together(() -> {
            store.createJob(jobId, launch.districtId(), launch.personId(), source, size);
            audit.record(launch.districtId(), actor, validateOnly ? "import.validation-started" : "import.started",
                    AuditTrail.Target.of("import", jobId, source), kind + ": " + source);
        });
        return actor;
    }

    /** Records the end of an import job (after {@link #run}, which never throws) with its outcome. */
    void finished(String districtId, AuditTrail.Actor actor, String jobId, String source) {
        try {
            store.job(districtId, jobId).ifPresent(job -> audit.record(districtId, actor, "import.finished",
                    AuditTrail.Target.of("import", jobId, source), job.status().toLowerCase(java.util.Locale.ROOT)
                            + (job.frameworkId() == null ? "" : "; framework " + job.frameworkId() + " version " + job.versionNo())
                            + "; " + job.itemsDone() + " items, " + job.errorCount() + " errors, " + job.warningCount() + " warnings"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the end of import " + jobId + " in the audit log", e);
        }
    }

    private static long copyLimited(InputStream in, Path file, long max) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    return -1;
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    /**
     * Runs one job to its end; never throws. {@code committed} (may be null) hears the framework id of a committed
     * import before the job is reported finished (a provider import records its source there).
     */
    void run(String jobId, String districtId, String personId, Path file, String name, long size, boolean validateOnly,
             java.util.function.Consumer<String> committed) {
        long start = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        long[] lastUpdate = {0};
        try {
            store.jobStarted(jobId);
            FrameworkImport.Progress progress = (phase, items, report) -> {
                long now = System.nanoTime();
                if (now - lastUpdate[0] < 500_000_000L) {
                    return;
                }
                lastUpdate[0] = now;
                store.jobProgress(jobId, phase, null, percent(bytes.get(), size), items, rate(items, start),
                        report.errorCount(), report.warningCount());
            };
            ImportRunner.Result result;
            FrameworkImport.Target target = new FrameworkImport.Target(districtId, personId, jobId, name, null, null);
            if (validateOnly) {
                result = ImportRunner.run(null, file, target, progress, bytes::set, true);
            } else {
                try (Connection c = store.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    result = ImportRunner.run(c, file, target, progress, bytes::set);
                }
            }
            FrameworkImport.Outcome o = result.outcome();
            ImportReport report = result.report();
            if (o.committed()) {
                store.jobProgress(jobId, "indexing for search", result.format(), 99, o.items(), rate(o.items(), start),
                        report.errorCount(), report.warningCount());
                try {
                    search.refresh(o.frameworkId());
                } catch (RuntimeException e) {
                    // the import is committed; the minute-by-minute sync will index it
                    LOG.log(Level.WARNING, "could not index framework " + o.frameworkId() + " after import " + jobId, e);
                }
            }
            if (o.committed() && committed != null) {
                try {
                    committed.accept(o.frameworkId());
                } catch (RuntimeException e) {
                    // the import is committed: what the callback adds is secondary
                    LOG.log(Level.WARNING, "after import " + jobId + ": " + e.getMessage(), e);
                }
            }
            boolean ok = validateOnly ? !report.hasErrors() : o.committed();
            store.jobFinished(jobId, ok, result.format(), o.committed() ? o.frameworkId() : null,
                    o.committed() ? o.versionNo() : null, o.items(), rate(o.items(), start), report.errorCount(),
                    report.warningCount(), truncate(ImportReports.json(result, validateOnly)));
            LOG.info(() -> "standards import " + jobId + " " + (o.committed() ? "committed" : "refused") + ": " + o.items() + " items, "
                    + report.errorCount() + " errors, " + report.warningCount() + " warnings, " + rate(o.items(), start) + " items/s");
        } catch (Throwable e) {
            String incident = Tokens.newId().substring(0, 8);
            LOG.log(Level.SEVERE, "standards import " + jobId + " failed (incident " + incident + ")", e);
            try {
                store.jobFinished(jobId, false, null, null, null, 0, 0, 1, 0, ImportReports.problem(
                        "The import stopped on an unexpected problem (incident " + incident + "). Nothing was imported."));
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "could not record the failure of job " + jobId, again);
            }
        } finally {
            deleteQuietly(file);
        }
    }

    private static String truncate(String report) {
        return report.length() > 1_000_000 ? ImportReports.problem("The report was too large to keep.") : report;
    }

    static int percent(long read, long size) {
        return size <= 0 ? 0 : (int) Math.min(99, read * 100 / size);
    }

    static int rate(int items, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return s <= 0 ? 0 : (int) Math.round(items / s);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover upload is harmless; the folder is documented
        }
    }
}

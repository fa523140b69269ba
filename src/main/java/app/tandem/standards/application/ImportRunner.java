package app.tandem.standards.application;

import app.tandem.standards.domain.ImportReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs one file through the right parser into a {@link FrameworkImport}: CASE JSON when the file starts with '{',
 * otherwise CSV (dialect detected from the header). The connection must have auto-commit off; the import commits
 * or rolls back itself.
 */
public final class ImportRunner {

    public record Result(FrameworkImport.Outcome outcome, ImportReport report, String format) {
    }

    private ImportRunner() {
    }

    /** Detects the format from the first bytes: "case-json" or "csv". */
    public static String sniff(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            int seen = 0;
            while ((b = in.read()) != -1 && seen < 4096) {
                seen++;
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue;
                }
                return b == '{' || b == '[' ? "case-json" : "csv";
            }
            return "empty";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result run(Connection c, Path file, FrameworkImport.Target target, FrameworkImport.Progress progress,
                             LongConsumer bytesRead) {
        return run(c, file, target, progress, bytesRead, false);
    }

    /** With {@code validateOnly}, the file is checked and reported on, and nothing is written (the connection may be null). */
    public static Result run(Connection c, Path file, FrameworkImport.Target target, FrameworkImport.Progress progress,
                             LongConsumer bytesRead, boolean validateOnly) {
        ImportReport report = new ImportReport();
        String format = sniff(file);
        if (format.equals("empty")) {
            report.error("empty_file", "The file is empty.", null);
            return new Result(new FrameworkImport.Outcome(false, null, null, 0, 0, 0, 0, 0, 0, 0), report, format);
        }
        Supplier<InputStream> source = () -> {
            try {
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                return bytesRead == null ? in : new CountingInputStream(in, bytesRead);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        if (format.equals("case-json")) {
            FrameworkImport.Target t = new FrameworkImport.Target(target.districtId(), target.personId(), target.jobId(),
                    target.sourceName(), "case-json", null);
            FrameworkImport sink = new FrameworkImport(c, t, report, progress);
            if (validateOnly) {
                sink.validateOnly();
            }
            try {
                CasePackageParser.Result parsed = CasePackageParser.parse(source, sink, report);
                sink.caseVersion(parsed.caseVersion());
            } catch (RuntimeException e) {
                sink.abort();
                throw e;
            }
            return new Result(sink.finish(), report, format);
        }
        CsvImportParser.Dialect dialect;
        try (InputStream in = source.get()) {
            dialect = CsvImportParser.detect(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dialect == null) {
            report.error("unknown_csv", "The CSV header matches none of the supported dialects (OpenSALT CASE columns, "
                    + "Canvas outcomes, Moodle competency framework). See docs/standards.md.", "row 1");
            return new Result(new FrameworkImport.Outcome(false, null, null, 0, 0, 0, 0, 0, 0, 0), report, "csv");
        }
        FrameworkImport.Target t = new FrameworkImport.Target(target.districtId(), target.personId(), target.jobId(),
                target.sourceName(), dialect.format(), null);
        FrameworkImport sink = new FrameworkImport(c, t, report, progress);
        if (validateOnly) {
            sink.validateOnly();
        }
        try {
            CsvImportParser.parse(source, dialect, target.sourceName(), sink, report);
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        }
        return new Result(sink.finish(), report, dialect.format());
    }

    /** Counts bytes as they are read (for the progress percentage). */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private final LongConsumer sink;
        private long count;

        CountingInputStream(InputStream in, LongConsumer sink) {
            super(in);
            this.sink = sink;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sink.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                sink.accept(count);
            }
            return n;
        }
    }
}

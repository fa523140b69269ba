package app.tandem.standards.bench;

import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * CASE import throughput and peak heap: generates a synthetic CFPackage of N items (+ N isChildOf associations)
 * from real CCSS text, then imports it with the production importer into H2 (file, MODE=LEGACY) or into an
 * embedded PostgreSQL. Run with -Xmx256m to check the memory budget. Usage:
 * {@code CaseImportBenchmark [items=1000000] [validate|h2|postgres|postgres-c] [workDir=/tmp/tandem-bench]} (postgres-c: a
 * database initialised with the C locale)
 */
public final class CaseImportBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String db = args.length > 1 ? args[1] : "h2";
        Path work = Path.of(args.length > 2 ? args[2] : "/tmp/tandem-bench");
        Files.createDirectories(work);
        Path file = work.resolve("synthetic-" + n + ".json");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            new SyntheticCorpus(data()).writePackage(file, n, 42);
            System.out.printf("generated %s (%,d bytes) in %.1f s%n", file, Files.size(file), (System.nanoTime() - t) / 1e9);
        }
        if (db.equals("validate")) {
            for (int run = 1; run <= 3; run++) {
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                long start = System.nanoTime();
                ImportRunner.Result r = ImportRunner.run(null, file, new FrameworkImport.Target("d", null, null, "f", "case-json", null),
                        null, null, true);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d (stream-parse + validate, no database): items=%,d associations=%,d errors=%d in %.1f s = %,.0f items/s; "
                                + "peak heap %,d MB of max %,d MB%n", run, r.outcome().items(), r.outcome().associations(),
                        r.report().errorCount(), s, r.outcome().items() / s, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
            return;
        }
        AutoCloseable pg = null;
        Path pgData = null;
        DataSource ds;
        if (db.startsWith("postgres")) {
            pgData = Files.createTempDirectory("tandem-bench-pg");
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder b = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(pgData).setCleanDataDirectory(true);
            if (db.equals("postgres-c")) {
                b.setLocaleConfig("locale", "C"); // byte-wise text comparison in indexes (initdb --locale=C)
            }
            // -Dbench.pg=shared_buffers=1GB,max_wal_size=4GB: server settings (default: PostgreSQL's own defaults)
            for (String kv : System.getProperty("bench.pg", "").split(",")) {
                if (kv.contains("=")) {
                    b.setServerConfig(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
                }
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres p = b.start();
            pg = p;
            ds = p.getPostgresDatabase();
        } else {
            Path dbDir = work.resolve("h2-" + UUID.randomUUID());
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + dbDir.resolve("tandem") + ";MODE=LEGACY");
            h2.setUser("sa");
            h2.setPassword("");
            ds = h2;
        }
        // -Dbench.schema=11: the schema as of that migration (to compare with an earlier index set)
        var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").callbackLocations(new String[0]);
        if (System.getProperty("bench.schema") != null) {
            flyway.target(System.getProperty("bench.schema"));
        }
        flyway.load().migrate();
        // -Dbench.sql="DROP INDEX x; ...": schema experiments run after the migrations
        for (String sql : System.getProperty("bench.sql", "").split(";")) {
            if (!sql.isBlank()) {
                try (Connection c = ds.getConnection(); var st = c.createStatement()) {
                    st.execute(sql);
                }
            }
        }
        System.out.printf("database %s, schema %s%s, settings [%s], writes by %s%n", db, System.getProperty("bench.schema", "latest"),
                System.getProperty("bench.sql") == null ? "" : " + " + System.getProperty("bench.sql"),
                System.getProperty("bench.pg", "defaults"), Boolean.getBoolean("tandem.standards.no-copy") ? "multi-row INSERT" : "COPY when PostgreSQL");
        String district = UUID.randomUUID().toString();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO district (id, name, created_at) VALUES (?,?,?)")) {
            ps.setString(1, district);
            ps.setString(2, "bench");
            ps.setObject(3, OffsetDateTime.now());
            ps.executeUpdate();
        }
        for (int run = 1; run <= 2; run++) {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            long serverCpu0 = serverCpuNanos(pgData);
            long clientCpu0 = clientCpuNanos();
            long threadCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            String wal0 = pgData == null ? null : walPosition(ds);
            ImportRunner.Result r;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                r = ImportRunner.run(c, file, new FrameworkImport.Target(district, null, null, file.getFileName().toString(), "case-json", null), null, null);
            }
            double s = (System.nanoTime() - start) / 1e9;
            Thread.sleep(500); // the closed connection's backend must be reaped before its CPU shows in the postmaster's
            double serverCpu = (serverCpuNanos(pgData) - serverCpu0) / 1e9;
            double clientCpu = (clientCpuNanos() - clientCpu0) / 1e9;
            double threadCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu0) / 1e9;
            String wal = wal0 == null ? "" : String.format("; WAL %,d MB", walBytes(ds, wal0) >> 20);
            long peak = peakHeap();
            System.out.printf("run %d (%s, %s): committed=%s items=%,d associations=%,d added=%,d unchanged=%,d in %.1f s = %,.0f items/s; "
                            + "peak heap (sum of pool peaks) %,d MB of max %,d MB; errors=%d warnings=%d%n",
                    run, db, run == 1 ? "first import" : "re-import, unchanged", r.outcome().committed(), r.outcome().items(),
                    r.outcome().associations(), r.outcome().added(), r.outcome().unchanged(), s, r.outcome().items() / s,
                    peak >> 20, Runtime.getRuntime().maxMemory() >> 20, r.report().errorCount(), r.report().warningCount());
            System.out.printf("      CPU: importer JVM %.1f s (import thread %.1f s: %,.0f items per CPU-second)%s%s; load average %.1f%n", clientCpu,
                    threadCpu, r.outcome().items() / threadCpu, pgData == null ? "" : String.format(", PostgreSQL %.1f s (%,.0f items per CPU-second)",
                            serverCpu, r.outcome().items() / serverCpu), wal, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        if (pg != null) {
            pg.close();
        }
    }

    /**
     * CPU time of the embedded PostgreSQL, found by its data folder: the postmaster's own and its exited children's
     * (a closed connection's backend) from /proc/PID/stat, plus the live children's. 0 without one (or without /proc).
     */
    static long serverCpuNanos(Path dataDir) {
        if (dataDir == null) {
            return 0;
        }
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(cl -> cl.contains(dir)).orElse(false))
                .mapToLong(p -> ticks(p.pid(), true) + p.descendants().mapToLong(d -> ticks(d.pid(), false)).sum()).sum() * 10_000_000L;
    }

    /** utime + stime (+ cutime + cstime) of a process in clock ticks (100 per second on Linux). */
    private static long ticks(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withExitedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static String walPosition(DataSource ds) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long walBytes(DataSource ds, String from) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
            ps.setString(1, from);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static Path data() {
        for (String base : new String[] {"../shared/data/standards", "/work/shared/data/standards", "../../shared/data/standards"}) {
            if (Files.isDirectory(Path.of(base))) {
                return Path.of(base);
            }
        }
        throw new IllegalStateException("shared/data/standards not found");
    }
}

package app.tandem.alignment.bench;

import app.tandem.alignment.AlignmentSeed;
import app.tandem.alignment.application.CoverageIndex;
import app.tandem.alignment.application.CoverageRollup;
import app.tandem.alignment.application.CoverageRollup.Filter;
import app.tandem.alignment.application.CoverageRollup.Rollup;
import app.tandem.alignment.application.CoverageTargets;
import app.tandem.alignment.domain.CoverageStore;
import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The district roll-up (sections × domains) at the DESIGN.md scale: 10,000 sections and 5,000 standards, with
 * realistic course maps. Two generated frameworks (Math and ELA, subject-matched to sections), each grade K–12 ×
 * 6 domains × 4 clusters × 8 standards = 2,496 standards (4,992 in all). Each section: one grade, one subject, one of
 * 40 schools, 10 units × 4 items, covering 30–95 % of its 192 target standards with 1–3 alignments each (teaches,
 * practises, assesses) plus a few off-grade ones: about 2.4 million alignments.
 *
 * <p>Measures, with the production classes outside the server: the first roll-up (the aggregate computed for every
 * section), warm roll-ups (aggregate current: the budget case), warm roll-ups after 20 sections changed, a filtered
 * roll-up, and for comparison the alternative without an aggregate: one grouped query over al_alignment.
 *
 * <p>Usage: {@code CoverageRollupBenchmark [h2|postgres] [sections=10000] [runs=30] [workDir=/tmp/tandem-bench]}.
 * The generated database is kept in the work folder and reused by the next run with the same size. System
 * properties: {@code bench.generateOnly=true} stops after generating (generate with a large heap, measure with the
 * server's); {@code bench.h2=;CACHE_SIZE=…} is appended to the H2 URL; {@code bench.cold=N} first roll-ups (2).
 */
public final class CoverageRollupBenchmark {
    static final String[] GRADES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"};
    static final int DOMAINS = 6;
    static final int CLUSTERS = 4;
    static final int STANDARDS = 8;
    static final int SCHOOLS = 40;
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int sections = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path work = Path.of(args.length > 3 ? args[3] : "/tmp/tandem-bench");
        Files.createDirectories(work);

        AutoCloseable pg = null;
        DataSource ds;
        DataSource bulk; // for generating the data: PostgreSQL rewrites batches into multi-row INSERTs
        Path dir = work.resolve("coverage-" + db + "-" + sections);
        boolean fresh = !Files.isDirectory(dir);
        if (db.equals("postgres")) {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres p = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir).setCleanDataDirectory(false).setPort(Integer.getInteger("pg.port", 55441)).start();
            pg = p;
            pgDir = dir;
            ds = new PooledDataSource(p.getPostgresDatabase());
            bulk = new PooledDataSource(p.getPostgresDatabase(Map.of("reWriteBatchedInserts", "true")));
        } else {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + dir.resolve("tandem") + ";MODE=LEGACY" + System.getProperty("bench.h2", ""));
            h2.setUser("sa");
            h2.setPassword("");
            ds = new PooledDataSource(h2);
            bulk = ds;
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").callbackLocations(new String[0]).load().migrate();
        StandardsStore standards = new StandardsStore(ds);
        StandardsCatalog catalog = new StandardsCatalog(standards);
        String district;
        if (fresh) {
            district = generate(bulk, db, standards, catalog, work, sections);
            if (Boolean.getBoolean("bench.generateOnly")) {
                if (pg != null) {
                    pg.close();
                }
                return;
            }
        } else {
            district = single(ds, "SELECT id FROM district WHERE name = 'Coverage benchmark'");
        }
        System.out.printf("database %s: %s sections, %s alignments, %s standards; JVM max heap %d MB; load average %.1f%n", db,
                single(ds, "SELECT COUNT(*) FROM section WHERE district_id = '" + district + "'"),
                single(ds, "SELECT COUNT(*) FROM al_alignment"), single(ds, "SELECT COUNT(*) FROM std_item"),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        CoverageTargets targets = new CoverageTargets(catalog);
        CoverageStore store = new CoverageStore(ds);
        CoverageIndex index = new CoverageIndex(store, targets);
        CoverageRollup rollup = new CoverageRollup(store, targets, index);

        // 1. the first roll-up: every section's aggregate computed (once per district)
        for (int i = 0; i < Integer.getInteger("bench.cold", 2); i++) {
            index.forget(district);
            Rollup r = timed("first roll-up (aggregate computed for every section)", () -> rollup.compute(district, Filter.ALL));
            System.out.printf("   %d sections, %d columns, recomputed %d, coverage %d of %d targets%n", r.rows().size(), r.columns().size(),
                    r.recomputed(), r.covered(), r.targets());
        }
        // the history check sees the generated alignments' events in the margin on the first warm run: age them
        exec(ds, "UPDATE al_coverage_section SET refreshed_at = refreshed_at - INTERVAL '1' HOUR");
        exec(ds, "UPDATE al_coverage_district SET events_checked_at = events_checked_at - INTERVAL '1' HOUR");

        // 2. warm: the budget case
        series("warm roll-up, all sections (budget: < 500 ms)", runs, () -> rollup.compute(district, Filter.ALL));
        series("warm roll-up, grade 07 filter", runs, () -> rollup.compute(district, Filter.parse("7", null, null, null, null, null, null)));
        series("warm roll-up, school filter, sorted by title", runs, () -> rollup.compute(district,
                Filter.parse(null, null, null, "School 07", "title", null, null)));

        // 3. 20 sections changed since the last roll-up (alignments added, with their history events)
        List<String> ids = column(ds, "SELECT id FROM section WHERE district_id = '" + district + "' ORDER BY id");
        Random r = new Random(7);
        double[] changed = new double[5];
        for (int round = 0; round < changed.length; round++) {
            List<String> pick = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pick.add(ids.get(r.nextInt(ids.size())));
            }
            addAlignments(ds, catalog, district, pick, r);
            long t = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            double server = serverCpuMs();
            Rollup x = rollup.compute(district, Filter.ALL);
            changed[round] = (System.nanoTime() - t) / 1e6;
            System.out.printf("   after 20 changed sections: %.1f ms (recomputed %d; client thread CPU %.0f ms, PostgreSQL CPU %.0f ms)%n",
                    changed[round], x.recomputed(), (THREADS.getCurrentThreadCpuTime() - c) / 1e6, serverCpuMs() - server);
        }
        Arrays.sort(changed);
        System.out.printf("roll-up after 20 changed sections: median %.1f ms%n", changed[changed.length / 2]);

        // 4. the alternative without the aggregate: distinct (section, standard) pairs of the district from al_alignment
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            int[] pairs = {0};
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT a.section_id, a.standard_id, COUNT(*) FROM al_alignment a "
                        + "JOIN section s ON s.id = a.section_id WHERE s.district_id = ? GROUP BY a.section_id, a.standard_id")) {
                    ps.setFetchSize(5000);
                    ps.setString(1, district);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            pairs[0]++;
                        }
                    }
                }
                c.rollback();
            }
            System.out.printf("alternative: one grouped query over al_alignment (%,d pairs read, no domain mapping yet): %.0f ms "
                    + "(client thread CPU %.0f ms)%n", pairs[0], (System.nanoTime() - t) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** The PostgreSQL server's processes (postmaster and its backends) found by data directory, or none (H2). */
    static Path pgDir;

    /** CPU milliseconds used so far by the PostgreSQL processes (0 for H2, whose work runs in the calling thread). */
    static double serverCpuMs() {
        if (pgDir == null) {
            return 0;
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            long postmaster = -1;
            List<long[]> stats = new ArrayList<>(); // pid, ppid, ticks
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    stats.add(new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
                    if (cmd.contains(pgDir.toString()) && cmd.contains("postgres")) {
                        postmaster = pid;
                    }
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            }
            long ticks = 0;
            for (long[] st : stats) {
                if (st[0] == postmaster || st[1] == postmaster) {
                    ticks += st[2];
                }
            }
            return ticks * 10.0; // USER_HZ = 100
        } catch (Exception e) {
            return 0;
        }
    }

    static <T> T timed(String what, Supplier<T> work) {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        double server = serverCpuMs();
        T result = work.get();
        System.out.printf("%s: %.0f ms (client thread CPU %.0f ms, PostgreSQL CPU %.0f ms)%n", what, (System.nanoTime() - t) / 1e6,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6, serverCpuMs() - server);
        return result;
    }

    static void series(String what, int runs, Supplier<Rollup> work) {
        for (int i = 0; i < 3; i++) {
            work.get(); // warm-up
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double[] total = new double[runs];
        double serverSum = 0;
        Rollup last = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            double server = serverCpuMs();
            last = work.get();
            wall[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
            double sv = serverCpuMs() - server;
            serverSum += sv;
            total[i] = cpu[i] + sv;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(total);
        System.out.printf("%s: %d runs, wall p50 %.1f ms, p95 %.1f ms, max %.1f ms; CPU per roll-up: client thread p50 %.1f ms, "
                        + "PostgreSQL mean %.1f ms (10 ms ticks), client + PostgreSQL p50 %.0f ms, p95 %.0f ms; %d sections matched, "
                        + "%d columns%s; load average %.1f%n", what, runs, wall[runs / 2], wall[(int) Math.ceil(runs * 0.95) - 1], wall[runs - 1],
                cpu[runs / 2], serverSum / runs, total[runs / 2], total[(int) Math.ceil(runs * 0.95) - 1], last.rows().size(),
                last.columns().size(), last.byFramework() ? " (frameworks)" : " (domains)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    static String generate(DataSource ds, String db, StandardsStore standards, StandardsCatalog catalog, Path work, int sections) throws Exception {
        long t0 = System.nanoTime();
        String district;
        String registration;
        try (AlignmentSeed seed = new AlignmentSeed(ds)) {
            district = seed.district("Coverage benchmark");
            registration = seed.registration("Benchmark LMS");
        }
        List<String> frameworks = new ArrayList<>();
        for (String subject : new String[] {"Math", "ELA"}) {
            Path file = work.resolve("coverage-framework-" + subject + ".json");
            writeFramework(file, subject);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                ImportRunner.Result r = ImportRunner.run(c, file, new FrameworkImport.Target(district, null, null, file.getFileName().toString(),
                        "case-json", null), null, null);
                c.commit();
                frameworks.add(r.outcome().frameworkId());
                standards.enable(district, r.outcome().frameworkId(), null, null, null);
            }
        }
        // targets per (framework, grade), from the catalog as the application sees them
        Map<String, List<StandardRef>> byGrade = new HashMap<>();
        for (String f : frameworks) {
            for (StandardRef s : catalog.outline(district, f).coverageTargets(Set.of())) {
                byGrade.computeIfAbsent(f + "|" + s.grades().get(0), k -> new ArrayList<>()).add(s);
            }
        }
        System.out.printf("frameworks imported: %s targets in %.1f s%n", byGrade.values().stream().mapToInt(List::size).sum(),
                (System.nanoTime() - t0) / 1e9);
        Random r = new Random(42);
        String[] types = {"TEACHES", "TEACHES", "TEACHES", "TEACHES", "TEACHES", "PRACTISES", "PRACTISES", "PRACTISES", "ASSESSES", "ASSESSES"};
        long alignments = 0;
        try (AlignmentSeed seed = new AlignmentSeed(ds).events(false)) {
            for (int n = 0; n < sections; n++) {
                int fi = n % 2;
                int gi = r.nextInt(GRADES.length);
                String subject = fi == 0 ? "Math" : "ELA";
                String s = seed.section(district, registration, subject + " " + GRADES[gi] + " — section " + n);
                seed.settings(s, district, GRADES[gi], subject, null, String.format("School %02d", r.nextInt(SCHOOLS)));
                List<String> items = new ArrayList<>();
                for (int u = 0; u < 10; u++) {
                    String unit = seed.unit(s, district, "Unit " + (u + 1), u);
                    for (int i = 0; i < 4; i++) {
                        items.add(seed.item(unit, s, "Lesson " + (u + 1) + "." + (i + 1), i));
                    }
                }
                List<StandardRef> own = new ArrayList<>(byGrade.get(frameworks.get(fi) + "|" + GRADES[gi]));
                java.util.Collections.shuffle(own, r);
                int covered = (int) (own.size() * (0.30 + 0.65 * r.nextDouble()));
                for (StandardRef std : own.subList(0, covered)) {
                    Set<String> used = new HashSet<>();
                    int k = 1 + r.nextInt(3);
                    for (int j = 0; j < k; j++) {
                        String item = items.get(r.nextInt(items.size()));
                        String type = types[r.nextInt(types.length)];
                        if (used.add(item + type)) {
                            seed.align(item, s, std.id(), std.frameworkId(), std.code(), type);
                            alignments++;
                        }
                    }
                }
                // a few alignments to a neighbouring grade's standards (outside the section's targets)
                List<StandardRef> other = byGrade.get(frameworks.get(fi) + "|" + GRADES[(gi + 1) % GRADES.length]);
                Set<String> outside = new HashSet<>();
                for (int j = 0; j < 3; j++) {
                    StandardRef std = other.get(r.nextInt(other.size()));
                    String item = items.get(r.nextInt(items.size()));
                    if (outside.add(item + std.id())) {
                        seed.align(item, s, std.id(), std.frameworkId(), std.code(), "PRACTISES");
                        alignments++;
                    }
                }
                if (n % 1000 == 999) {
                    System.out.printf("   %,d sections, %,d alignments (%.0f s)%n", n + 1, alignments, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        if (db.equals("h2")) {
            exec(ds, "ANALYZE");
        } else {
            exec(ds, "VACUUM ANALYZE");
        }
        System.out.printf("generated %,d sections with %,d alignments in %.0f s%n", sections, alignments, (System.nanoTime() - t0) / 1e9);
        return district;
    }

    /** Adds one alignment (and its history event) to each section, as a teacher would. */
    static void addAlignments(DataSource ds, StandardsCatalog catalog, String district, List<String> sections, Random r) throws Exception {
        try (AlignmentSeed seed = new AlignmentSeed(ds)) {
            for (String s : sections) {
                String item = single(ds, "SELECT MIN(id) FROM al_item WHERE section_id = '" + s + "'");
                String std = single(ds, "SELECT MIN(standard_id) FROM al_alignment WHERE section_id = '" + s + "'");
                String fw = single(ds, "SELECT MIN(framework_id) FROM al_alignment WHERE section_id = '" + s + "'");
                String unit = seed.unit(s, district, "New unit " + UUID.randomUUID(), 99);
                String fresh = seed.item(unit, s, "New lesson", 0);
                seed.align(fresh, s, std, fw, null, r.nextBoolean() ? "TEACHES" : "ASSESSES");
            }
        }
    }

    /** A CASE package: grades × domains × clusters × standards, typed Domain/Cluster/Standard, with grade levels. */
    static void writeFramework(Path file, String subject) throws Exception {
        String doc = UUID.nameUUIDFromBytes(("coverage-bench-" + subject).getBytes(StandardCharsets.UTF_8)).toString();
        List<String[]> items = new ArrayList<>(); // identifier, code, type, grade, parent identifier, statement
        for (String g : GRADES) {
            for (int d = 0; d < DOMAINS; d++) {
                String dc = subject.charAt(0) + "." + g + ".D" + (d + 1);
                String did = uuid(dc);
                items.add(new String[] {did, dc, "Domain", g, doc, subject + " domain " + (d + 1) + " of grade " + g});
                for (int c = 0; c < CLUSTERS; c++) {
                    String cc = dc + "." + (char) ('A' + c);
                    String cid = uuid(cc);
                    items.add(new String[] {cid, cc, "Cluster", g, did, "Cluster " + cc});
                    for (int s = 0; s < STANDARDS; s++) {
                        String sc = cc + "." + (s + 1);
                        items.add(new String[] {uuid(sc), sc, "Standard", g, cid, "Standard " + sc + ": students can do a thing."});
                    }
                }
            }
        }
        try (JsonGenerator gen = Json.createGenerator(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            gen.writeStartObject();
            gen.writeStartObject("CFDocument").write("identifier", doc).write("uri", "urn:uuid:" + doc).write("creator", "Tandem benchmark")
                    .write("title", "Benchmark " + subject).write("subject", subject).write("lastChangeDateTime", "2026-01-01T00:00:00Z").writeEnd();
            gen.writeStartArray("CFItems");
            for (String[] i : items) {
                gen.writeStartObject().write("identifier", i[0]).write("uri", "urn:uuid:" + i[0]).write("fullStatement", i[5])
                        .write("humanCodingScheme", i[1]).write("CFItemType", i[2]).writeStartArray("educationLevel").write(i[3]).writeEnd()
                        .write("lastChangeDateTime", "2026-01-01T00:00:00Z").writeEnd();
            }
            gen.writeEnd();
            gen.writeStartArray("CFAssociations");
            int seq = 0;
            for (String[] i : items) {
                String aid = uuid("assoc-" + i[0]);
                gen.writeStartObject().write("identifier", aid).write("uri", "urn:uuid:" + aid).write("associationType", "isChildOf")
                        .write("sequenceNumber", ++seq).write("lastChangeDateTime", "2026-01-01T00:00:00Z")
                        .writeStartObject("originNodeURI").write("title", "o").write("identifier", i[0]).write("uri", "urn:uuid:" + i[0]).writeEnd()
                        .writeStartObject("destinationNodeURI").write("title", "d").write("identifier", i[4]).write("uri", "urn:uuid:" + i[4]).writeEnd()
                        .writeEnd();
            }
            gen.writeEnd();
            gen.writeEnd();
        }
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String single(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> column(DataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

}

package app.tandem.alignment.bench;

import app.tandem.alignment.application.SuggestionIndex;
import app.tandem.alignment.application.SuggestionIndex.Content;
import app.tandem.alignment.application.SuggestionIndex.Options;
import app.tandem.alignment.application.SuggestionIndex.Suggestion;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.ItemText;
import app.tandem.standards.application.StandardsCatalog.Outline;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Quality and speed of alignment suggestions (docs/benchmarks.md, "Alignment suggestions"): imports the real CCSS
 * Math CASE package into an in-memory H2 (as Tandem does), builds {@link SuggestionIndex} for the plain keyword
 * baseline and for Tandem's ranker (and ablations), and ranks every labelled problem of
 * {@code shared/data/alignments}: the 9,607 synthetic MathCAMPS problems (one CCSS code each) and the 12 real
 * MathFish few-shot problems (Illustrative Mathematics, Fishtank), with the grade known (a section's grade, as in
 * real use) and unknown. Prints precision@1, precision@5, recall@5 and MRR, then per-item latency.
 *
 * <p>MathCAMPS' 44 standards are split in two halves by code (alternately in sorted order): "dev" is the half the
 * rules and weights were tuned on, "held-out" the half they never saw. Usage:
 * {@code SuggestionBenchmark [report|tune name=value,...|latency]}.
 */
public final class SuggestionBenchmark {
    static final String PREFIX = "CCSS.Math.Content.";

    record Problem(String id, String text, Set<String> gold, String grade, String set) {
    }

    record Metrics(int n, double p1, double p5, double r5, double mrr) {
        String row() {
            return String.format(Locale.ROOT, "%.3f | %.3f | %.3f | %.3f", p1, p5, r5, mrr);
        }
    }

    final Outline outline;
    final Map<String, ItemText> texts;
    final Map<String, String> targetByCode = new HashMap<>();
    final List<Problem> problems = new ArrayList<>();
    final Map<String, String> targetByStatement = new HashMap<>();
    /** MathFish verification: (problem text, standard teachers said it aligns to, standard they said it does not). */
    final List<String[]> pairs = new ArrayList<>();

    SuggestionBenchmark() throws Exception {
        TestDatabase db = new TestDatabase();
        Path file = TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json");
        String framework;
        try (Connection c = db.transaction()) {
            ImportRunner.Result r = ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null,
                    file.getFileName().toString(), "case-json", null), null, null);
            c.commit();
            framework = r.outcome().frameworkId();
        }
        StandardsCatalog catalog = new StandardsCatalog(new StandardsStore(db.dataSource));
        outline = catalog.outline(db.districtId, framework);
        texts = catalog.texts(db.districtId, framework);
        for (StandardRef s : outline.coverageTargets(null)) {
            if (s.code() != null) {
                targetByCode.put(s.code().replace(PREFIX, ""), s.id());
            }
        }
        loadMathCamps();
        loadMathFish();
    }

    static Path alignments(String name) {
        for (String base : new String[] {"../shared/data/alignments", "/work/shared/data/alignments", "../../shared/data/alignments"}) {
            Path p = Path.of(base, name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("alignment data file not found: " + name);
    }

    static String grade(String code) {
        String g = code.substring(0, code.indexOf('.'));
        return g.equals("K") ? "KG" : g.length() == 1 ? "0" + g : g;
    }

    private void loadMathCamps() throws Exception {
        List<JsonObject> all = new ArrayList<>();
        try (JsonReader r = Json.createReader(Files.newBufferedReader(alignments("mathcamps_v1.json"), StandardCharsets.UTF_8))) {
            r.readArray().forEach(v -> all.add(v.asJsonObject()));
        }
        List<String> codes = new ArrayList<>(new TreeSet<>(all.stream().map(o -> base(o.getString("standard"))).toList()));
        for (JsonObject o : all) {
            String code = base(o.getString("standard"));
            String target = targetByCode.get(code);
            if (target == null) {
                throw new IllegalStateException("MathCAMPS code " + code + " is not a standard of the CCSS package");
            }
            String set = codes.indexOf(code) % 2 == 0 ? "dev" : "held-out";
            problems.add(new Problem(o.getString("id"), o.getString("statement"), Set.of(target), grade(code), set));
        }
    }

    static String base(String label) {
        int dash = label.indexOf('-');
        return dash < 0 ? label : label.substring(0, dash);
    }

    /** The MathFish few-shot problems; gold standards are given by description, matched to the framework's statements. */
    private void loadMathFish() throws Exception {
        for (StandardRef s : outline.items()) {
            String target = targetOf(s.id());
            if (target != null) {
                targetByStatement.putIfAbsent(norm(s.statement()), target);
            }
        }
        try (Reader in = Files.newBufferedReader(alignments("mathfish_few-shot-tagging.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                List<String> options = pythonList(r.get("standard_options"));
                Set<String> gold = new LinkedHashSet<>();
                for (String index : pythonList(r.get("standard_answers"))) {
                    gold.add(targetOfDescription(options.get(Integer.parseInt(index.strip()))));
                }
                String grade = outline.byId().get(gold.iterator().next()).grades().get(0);
                problems.add(new Problem(r.get("id"), r.get("text"), gold, grade, "mathfish"));
            }
        }
        Map<String, String[]> byProblem = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(alignments("mathfish_few-shot-verification.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String[] pair = byProblem.computeIfAbsent(r.get("id").replaceAll("_(pos|neg)_\\d+$", ""), k -> new String[3]);
                pair[0] = r.get("text");
                pair["yes".equals(r.get("aligns")) ? 1 : 2] = targetOfDescription(r.get("standard_description"));
            }
        }
        pairs.addAll(byProblem.values());
    }

    /** The coverage target whose statement a MathFish description quotes (sometimes with the notes inlined). */
    private String targetOfDescription(String text) {
        String description = norm(text);
        String target = targetByStatement.get(description);
        String head = description.substring(0, Math.min(60, description.length()));
        for (Map.Entry<String, String> e : targetByStatement.entrySet()) {
            if (target == null && e.getKey().startsWith(head)) {
                target = e.getValue();
            }
        }
        if (target == null) {
            throw new IllegalStateException("MathFish standard not found in the CCSS package: " + description);
        }
        return target;
    }

    /** How many MathFish verification pairs rank the standard teachers accepted above the one they rejected (any grade). */
    int pairsRight(SuggestionIndex index) {
        int right = 0;
        for (String[] p : pairs) {
            List<String> ranked = index.suggest(new Content("", p[0], null, null), Map.of(outline.frameworkId(), Set.of()), Set.of(),
                    500).stream().map(s -> s.standard().id()).toList();
            int yes = ranked.indexOf(p[1]);
            int no = ranked.indexOf(p[2]);
            if (yes >= 0 && (no < 0 || yes < no)) {
                right++;
            }
        }
        return right;
    }

    /** The coverage target an item counts for: itself, or the nearest target above it (a component's standard). */
    private String targetOf(String id) {
        String p = id;
        for (int i = 0; p != null && i < 12; i++) {
            if (outline.targets().contains(p)) {
                return p;
            }
            ItemText t = texts.get(p);
            p = t == null ? null : t.parentId();
        }
        return null;
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replace("(+)", "").replaceAll("\\s+", " ").strip();
    }

    /** A Python list literal of strings or numbers, as the MathFish CSV stores them. */
    static List<String> pythonList(String literal) {
        List<String> out = new ArrayList<>();
        String s = literal.strip();
        int i = 1;
        while (i < s.length() - 1) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != c) {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                out.add(b.toString());
                i++;
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                out.add(s.substring(start, i));
            } else {
                i++;
            }
        }
        return out;
    }

    Map<String, Metrics> evaluate(SuggestionIndex index, boolean gradeKnown) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Problem p : problems) {
            List<Suggestion> ranked = index.suggest(new Content("", p.text(), null, null), Map.of(outline.frameworkId(),
                    gradeKnown ? Set.of(p.grade()) : Set.of()), Set.of(), 50);
            double hits1 = 0;
            double hits5 = 0;
            double rr = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (p.gold().contains(ranked.get(i).standard().id())) {
                    if (i < 1) {
                        hits1++;
                    }
                    if (i < 5) {
                        hits5++;
                    }
                    if (rr == 0) {
                        rr = 1.0 / (i + 1);
                    }
                }
            }
            double[] m = {1, hits1, hits5 / 5, hits5 / p.gold().size(), rr};
            for (String set : p.set().equals("mathfish") ? List.of("mathfish") : List.of("mathcamps", p.set())) {
                double[] s = sums.computeIfAbsent(set, k -> new double[5]);
                for (int i = 0; i < 5; i++) {
                    s[i] += m[i];
                }
            }
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String set : List.of("mathcamps", "dev", "held-out", "mathfish")) {
            double[] s = sums.get(set);
            out.put(set, new Metrics((int) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0], s[4] / s[0]));
        }
        return out;
    }

    /** For tuning, on the dev half only: per gold standard, how often it comes first and what wins instead. */
    void diagnose(Options o, boolean gradeKnown) {
        SuggestionIndex index = index(o);
        Map<String, Map<String, Integer>> firsts = new java.util.TreeMap<>();
        Map<String, String> example = new HashMap<>();
        for (Problem p : problems) {
            if (!p.set().equals("dev")) {
                continue;
            }
            List<Suggestion> ranked = index.suggest(new Content("", p.text(), null, null), Map.of(outline.frameworkId(),
                    gradeKnown ? Set.of(p.grade()) : Set.of()), Set.of(), 5);
            String gold = code(p.gold().iterator().next());
            String top = ranked.isEmpty() ? "-" : code(ranked.get(0).standard().id());
            firsts.computeIfAbsent(gold, k -> new java.util.TreeMap<>()).merge(top, 1, Integer::sum);
            if (!top.equals(gold) && !example.containsKey(gold + top)) {
                example.put(gold + top, p.text().replace('\n', ' ') + "  WHY " + (ranked.isEmpty() ? "" : ranked.get(0).matchedWords() + " " + ranked.get(0).reasons()));
            }
        }
        firsts.forEach((gold, tops) -> {
            int n = tops.values().stream().mapToInt(Integer::intValue).sum();
            List<Map.Entry<String, Integer>> worst = tops.entrySet().stream().filter(e -> !e.getKey().equals(gold))
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(2).toList();
            System.out.printf(Locale.ROOT, "%-10s first %3.0f%% of %d; instead %s%n", gold, 100.0 * tops.getOrDefault(gold, 0) / n, n, worst);
            worst.stream().limit(1).forEach(w -> System.out.println("      e.g. " + example.get(gold + w.getKey())));
        });
    }

    String code(String id) {
        String c = outline.byId().get(id).code();
        return c == null ? id : c.replace(PREFIX, "");
    }

    SuggestionIndex index(Options o) {
        return SuggestionIndex.build(List.of(new SuggestionIndex.Source(outline, texts)), o);
    }

    void report(String name, Options o, Predicate<String> sets) {
        SuggestionIndex index = index(o);
        System.out.printf(Locale.ROOT, "| %s | any | mathfish pairs: accepted standard above rejected one | %d | %d of %d | | | |%n", name,
                pairs.size(), pairsRight(index), pairs.size());
        for (boolean grade : new boolean[] {true, false}) {
            evaluate(index, grade).forEach((set, m) -> {
                if (sets.test(set)) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s |%n", name, grade ? "known" : "unknown", set, m.n(), m.row());
                }
            });
        }
    }

    void latency(int rounds) {
        long t = System.nanoTime();
        SuggestionIndex index = index(Options.DEFAULT);
        double buildMs = (System.nanoTime() - t) / 1e6;
        List<Problem> sample = problems.stream().filter(p -> !p.set().equals("mathfish")).toList();
        for (int i = 0; i < 3000; i++) { // warm-up
            Problem p = sample.get(i % sample.size());
            index.suggest(new Content("", p.text(), null, null), Map.of(outline.frameworkId(), Set.of()), Set.of(), 10);
        }
        for (boolean grade : new boolean[] {true, false}) {
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                Problem p = sample.get((i * 7919) % sample.size());
                long s = System.nanoTime();
                index.suggest(new Content("", p.text(), null, null), Map.of(outline.frameworkId(),
                        grade ? Set.of(p.grade()) : Set.of()), Set.of(), 10);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "suggest (grade %s), %d items: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.2f ms%n",
                    grade ? "known" : "unknown", rounds, ms[rounds / 2], ms[(int) (rounds * 0.95)], ms[(int) (rounds * 0.99)], ms[rounds - 1]);
        }
        System.out.printf(Locale.ROOT, "index build (%d standards): %.1f ms%n", index.size(), buildMs);
    }

    static Options parse(String spec) {
        Options o = Options.DEFAULT;
        if (spec == null || spec.isBlank()) {
            return o;
        }
        if (spec.startsWith("baseline")) {
            o = Options.BASELINE;
            spec = spec.substring("baseline".length()).replaceFirst("^,", "");
            if (spec.isBlank()) {
                return o;
            }
        }
        for (String kv : spec.split(",")) {
            String[] p = kv.split("=");
            o = o.with(p[0].strip(), Float.parseFloat(p[1].strip()));
        }
        return o;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "report";
        SuggestionBenchmark b = new SuggestionBenchmark();
        System.out.printf("CCSS Math: %d coverage targets; %d problems (%d MathCAMPS, %d MathFish)%n", b.outline.coverageTargets(null).size(),
                b.problems.size(), b.problems.stream().filter(p -> !p.set().equals("mathfish")).count(),
                b.problems.stream().filter(p -> p.set().equals("mathfish")).count());
        System.out.println("| ranker | grade | set | n | P@1 | P@5 | R@5 | MRR |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        switch (mode) {
            case "tune" -> {
                for (int i = 1; i < args.length; i++) {
                    b.report(args[i], parse(args[i]), s -> true);
                }
            }
            case "diagnose" -> b.diagnose(parse(args.length > 1 ? args[1] : ""), args.length > 2 && args[2].equals("grade"));
            case "latency" -> b.latency(args.length > 1 ? Integer.parseInt(args[1]) : 5000);
            default -> {
                b.report("baseline: BM25 on statements", Options.BASELINE, s -> true);
                b.report("Tandem", Options.DEFAULT, s -> true);
                Predicate<String> main = s -> !s.equals("dev") && !s.equals("mathcamps");
                Options words = Options.BASELINE.with("kstem", 1).with("dropNumbers", 1).with("k1", 0.6f);
                b.report("baseline + Krovetz stems, numbers dropped, k1 0.6", words, main);
                b.report("  + fields (components, notes, cluster, domain)", words.with("richFields", 1).with("detailWeight", 0.3f)
                        .with("clusterWeight", 0.5f).with("domainWeight", 0.3f), main);
                b.report("  + math cues (= Tandem)", Options.DEFAULT, main);
                b.report("Tandem without fields", Options.DEFAULT.with("richFields", 0), main);
                b.report("Tandem without math cues", Options.DEFAULT.with("mathCues", 0), main);
                b.report("Tandem with Porter stems", Options.DEFAULT.with("kstem", 0), main);
                b.report("Tandem + grade prior (naive Bayes on standards text)", Options.DEFAULT.with("gradePrior", 1), main);
                b.report("Tandem as RRF of words / cues / both", Options.DEFAULT.with("fusion", 1), main);
                b.latency(5000);
            }
        }
    }
}

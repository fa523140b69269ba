package app.tandem.alignment.application;

import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.StandardsCatalog.ItemText;
import app.tandem.standards.application.StandardsCatalog.Outline;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Ranks the standards of some frameworks for a piece of course content (an item's title and description, its unit
 * as context). One in-memory Lucene index per set of framework versions, one document per coverage target (the
 * standards a course covers), holding its statement, the text below it (components such as 7.RP.A.2a, notes,
 * keywords) and the labels of its cluster and domain, each a field with its own weight. The query is the content's
 * words plus {@link MathVocabulary} cues (notation said in the standards' words); BM25 ranks. {@link Options#BASELINE}
 * is the plain keyword ranker (BM25 over statements, the content's words as they are) the benchmark compares
 * against; a grade prior and rank fusion are options the benchmark measured and {@link Options#DEFAULT} leaves off
 * (docs/benchmarks.md). Immutable and thread-safe once built; the index lives in memory (nothing to close).
 */
public final class SuggestionIndex {
    private static final String ID = "id";
    private static final String FRAMEWORK = "framework";
    private static final String GRADE = "grade";
    private static final String STATEMENT = "statement";
    private static final String DETAIL = "detail";
    private static final String CLUSTER = "cluster";
    private static final String DOMAIN = "domain";
    private static final int MAX_TERMS = 64;
    private static final Pattern NUMBER = Pattern.compile("[\\d.,]+");
    private static final Pattern CODE_PREFIX = Pattern.compile("^\\S*[.\\d]\\S*\\s+");

    /**
     * What the ranker uses: the fields beyond the statement, the mathematical cues, dropping raw numbers from the
     * words (they match "100" in "within 100" by accident), a grade prior when grades are unknown, Krovetz instead of
     * Porter stems, reciprocal-rank fusion of word / cue / combined rankings instead of one combined query, BM25's k1
     * and b, and the weights of the fields, of the unit's text, of the cues and of the prior.
     */
    public record Options(boolean richFields, boolean mathCues, boolean dropNumbers, boolean gradePrior, boolean kstem, boolean fusion, float k1,
                          float b, float detailWeight, float clusterWeight, float domainWeight, float contextWeight, float cueWeight,
                          float priorWeight) {
        /** Plain keyword baseline: BM25 over statements only, the content's words as they come. */
        public static final Options BASELINE = new Options(false, false, false, false, false, false, 1.2f, 0.75f, 0, 0, 0, 0.5f, 0, 0);
        /** What Tandem uses. */
        public static final Options DEFAULT = new Options(true, true, true, false, true, false, 0.6f, 0.75f, 0.3f, 0.5f, 0.3f, 0.5f, 1.5f, 0.5f);

        /** A copy with one option changed (booleans: 0 or 1), for benchmarks. */
        public Options with(String name, float value) {
            RecordComponent[] components = Options.class.getRecordComponents();
            Object[] args = new Object[components.length];
            boolean found = false;
            try {
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    args[i] = c.getAccessor().invoke(this);
                    if (c.getName().equals(name)) {
                        args[i] = c.getType() == boolean.class ? (Object) (value != 0) : (Object) value;
                        found = true;
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                return (Options) Options.class.getDeclaredConstructors()[0].newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A framework version's outline and the extra text of its items. */
    public record Source(Outline outline, Map<String, ItemText> texts) {
    }

    /** The content to align: an item's title and description, its unit's title and description (context). */
    public record Content(String title, String description, String unitTitle, String unitDescription) {
        String itemText() {
            return join(title, description);
        }

        String unitText() {
            return join(unitTitle, unitDescription);
        }

        private static String join(String a, String b) {
            return ((a == null ? "" : a) + "\n" + (b == null ? "" : b)).strip();
        }
    }

    /**
     * A ranked standard and why: the content's words it shares (as the content wrote them) and the mathematical
     * cues it matched ("fractions: 3/4").
     */
    public record Suggestion(StandardRef standard, double score, List<String> matchedWords, List<String> reasons) {
    }

    private final Options options;
    private final Analyzer analyzer;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Integer> versions;
    private final Map<String, StandardRef> standards = new HashMap<>();
    private final Map<String, Set<String>> stemsOf = new HashMap<>();
    private final GradeModel grades;

    private SuggestionIndex(Options options, Collection<Source> sources) {
        this.options = options;
        this.analyzer = options.kstem() ? new KStemAnalyzer() : new EnglishAnalyzer();
        Map<String, Integer> v = new LinkedHashMap<>();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        GradeModel.Builder gradeModel = new GradeModel.Builder();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(options.k1(), options.b())))) {
            for (Source s : sources) {
                v.put(s.outline().frameworkId(), s.outline().version());
                Map<String, List<String>> below = textBelow(s);
                for (StandardRef target : s.outline().coverageTargets(null)) {
                    Document doc = new Document();
                    doc.add(new StringField(ID, target.id(), Field.Store.YES));
                    doc.add(new StringField(FRAMEWORK, target.frameworkId(), Field.Store.NO));
                    if (target.grades().isEmpty()) {
                        doc.add(new StringField(GRADE, "none", Field.Store.NO));
                    }
                    for (String g : target.grades()) {
                        doc.add(new StringField(GRADE, g, Field.Store.NO));
                    }
                    doc.add(new TextField(STATEMENT, target.statement(), Field.Store.NO));
                    String detail = String.join("\n", below.getOrDefault(target.id(), List.of()));
                    String cluster = label(target.clusterId(), target.id(), target.clusterLabel());
                    String domain = label(target.domainId(), target.clusterId(), target.domainLabel());
                    if (options.richFields()) {
                        doc.add(new TextField(DETAIL, detail, Field.Store.NO));
                        doc.add(new TextField(CLUSTER, cluster, Field.Store.NO));
                        doc.add(new TextField(DOMAIN, domain, Field.Store.NO));
                    }
                    writer.addDocument(doc);
                    standards.put(target.id(), target);
                    Set<String> stems = new HashSet<>(stems(target.statement()));
                    if (options.richFields()) {
                        stems.addAll(stems(detail));
                        stems.addAll(stems(cluster));
                        stems.addAll(stems(domain));
                    }
                    stemsOf.put(target.id(), stems);
                    gradeModel.add(target.grades(), stems(target.statement() + "\n" + detail + "\n" + cluster));
                }
            }
            writer.commit();
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(options.k1(), options.b()));
        versions = Map.copyOf(v);
        grades = gradeModel.build();
    }

    public static SuggestionIndex build(Collection<Source> sources, Options options) {
        return new SuggestionIndex(options, sources);
    }

    /** framework id → the version indexed. */
    public Map<String, Integer> versions() {
        return versions;
    }

    public int size() {
        return standards.size();
    }

    /**
     * The best standards for the content among the coverage targets of the scope's frameworks, each limited to
     * grades (an empty set: any grade), leaving out {@code excluded} standard ids. Standards sharing nothing with
     * the content are never suggested.
     */
    public List<Suggestion> suggest(Content content, Map<String, Set<String>> scope, Set<String> excluded, int limit) {
        Terms terms = terms(content);
        if (terms.weights.isEmpty() || scope.isEmpty() || limit <= 0) {
            return List.of();
        }
        Query filter = filter(scope);
        boolean anyGrade = scope.values().stream().allMatch(Set::isEmpty);
        try {
            int pool = Math.min(Math.max(100, (limit + excluded.size()) * 4), Math.max(1, standards.size()));
            Map<String, Double> scores = new LinkedHashMap<>();
            if (options.fusion()) {
                // reciprocal-rank fusion of the whole query, the content's words alone and the cues alone
                for (Map<String, Float> q : List.of(terms.weights, terms.words, terms.cues)) {
                    if (q.isEmpty()) {
                        continue;
                    }
                    ScoreDoc[] docs = searcher.search(filtered(query(q), filter), pool).scoreDocs;
                    for (int i = 0; i < docs.length; i++) {
                        scores.merge(id(docs[i].doc), 1.0 / (60 + i), Double::sum);
                    }
                }
            } else {
                ScoreDoc[] docs = searcher.search(filtered(query(terms.weights), filter), pool).scoreDocs;
                double best = docs.length == 0 ? 1 : docs[0].score;
                for (ScoreDoc sd : docs) {
                    scores.put(id(sd.doc), sd.score / best);
                }
            }
            scores.keySet().removeAll(excluded);
            if (options.gradePrior() && anyGrade) {
                Map<String, Double> posterior = grades.posterior(terms.stemList);
                double top = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
                scores.replaceAll((id, score) -> {
                    double p = 0;
                    for (String g : standards.get(id).grades()) {
                        p = Math.max(p, posterior.getOrDefault(g, 0d));
                    }
                    return score + options.priorWeight() * top * p;
                });
            }
            List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
            ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
            List<Suggestion> out = new ArrayList<>();
            for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(limit, ranked.size()))) {
                out.add(explain(standards.get(e.getKey()), e.getValue(), terms));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String id(int doc) throws IOException {
        return searcher.storedFields().document(doc).get(ID);
    }

    // ---- the query -----------------------------------------------------------------------------------------

    /** Query stems with weights, the content's surface word for each stem, and the cues by stem. */
    private static final class Terms {
        final Map<String, Float> weights = new LinkedHashMap<>();
        final Map<String, Float> words = new LinkedHashMap<>();
        final Map<String, Float> cues = new LinkedHashMap<>();
        final Map<String, String> surface = new HashMap<>();
        final Map<String, List<String>> cueReasons = new HashMap<>();
        final List<String> stemList = new ArrayList<>();
    }

    private Terms terms(Content content) {
        Terms t = new Terms();
        addWords(t, content.itemText(), 1f);
        addWords(t, content.unitText(), options.contextWeight());
        if (options.mathCues()) {
            for (MathVocabulary.Cue cue : MathVocabulary.cues(content.itemText())) {
                for (String stem : new LinkedHashSet<>(stems(cue.words()))) {
                    t.cues.merge(stem, cue.weight() * options.cueWeight(), Float::sum);
                    t.stemList.add(stem);
                    t.cueReasons.computeIfAbsent(stem, k -> new ArrayList<>()).add(cue.reason());
                }
            }
        }
        keepStrongest(t.words);
        t.weights.putAll(t.words);
        t.cues.forEach((stem, w) -> t.weights.merge(stem, w, Float::sum));
        keepStrongest(t.weights);
        return t;
    }

    private static void keepStrongest(Map<String, Float> weights) {
        if (weights.size() > MAX_TERMS) {
            List<Map.Entry<String, Float>> all = new ArrayList<>(weights.entrySet());
            all.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder()));
            weights.clear();
            all.subList(0, MAX_TERMS).forEach(e -> weights.put(e.getKey(), e.getValue()));
        }
    }

    private void addWords(Terms t, String text, float weight) {
        if (text == null || text.isBlank() || weight <= 0) {
            return;
        }
        Map<String, Integer> tf = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(STATEMENT, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String stem = term.toString();
                if (options.dropNumbers() && NUMBER.matcher(stem).matches()) {
                    continue;
                }
                tf.merge(stem, 1, Integer::sum);
                t.surface.putIfAbsent(stem, text.substring(offset.startOffset(), offset.endOffset()));
                t.stemList.add(stem);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // repeated words count, but less and less: 1, 1.7, 2.1 …
        tf.forEach((stem, n) -> t.words.merge(stem, weight * (float) (1 + Math.log(n)), Float::sum));
    }

    private Query query(Map<String, Float> weights) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> e : weights.entrySet()) {
            float w = e.getValue();
            b.add(new BoostQuery(new TermQuery(new Term(STATEMENT, e.getKey())), w), BooleanClause.Occur.SHOULD);
            if (options.richFields()) {
                b.add(new BoostQuery(new TermQuery(new Term(DETAIL, e.getKey())), w * options.detailWeight()), BooleanClause.Occur.SHOULD);
                b.add(new BoostQuery(new TermQuery(new Term(CLUSTER, e.getKey())), w * options.clusterWeight()), BooleanClause.Occur.SHOULD);
                b.add(new BoostQuery(new TermQuery(new Term(DOMAIN, e.getKey())), w * options.domainWeight()), BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }

    /** Coverage targets of the scope: each framework, limited to its grades (standards without grades always in). */
    private static Query filter(Map<String, Set<String>> scope) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Map.Entry<String, Set<String>> e : scope.entrySet()) {
            Query fw = new TermQuery(new Term(FRAMEWORK, e.getKey()));
            if (e.getValue().isEmpty()) {
                any.add(fw, BooleanClause.Occur.SHOULD);
                continue;
            }
            BooleanQuery.Builder g = new BooleanQuery.Builder();
            g.add(new TermQuery(new Term(GRADE, "none")), BooleanClause.Occur.SHOULD);
            e.getValue().forEach(grade -> g.add(new TermQuery(new Term(GRADE, grade)), BooleanClause.Occur.SHOULD));
            any.add(new BooleanQuery.Builder().add(fw, BooleanClause.Occur.FILTER).add(g.build(), BooleanClause.Occur.FILTER).build(),
                    BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private static Query filtered(Query main, Query filter) {
        return new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    private Suggestion explain(StandardRef standard, double score, Terms terms) {
        Set<String> stems = stemsOf.getOrDefault(standard.id(), Set.of());
        List<String> words = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (String stem : terms.weights.keySet()) {
            if (!stems.contains(stem)) {
                continue;
            }
            String surface = terms.surface.get(stem);
            if (surface != null && words.size() < 8 && !words.contains(surface.toLowerCase(Locale.ROOT))) {
                words.add(surface.toLowerCase(Locale.ROOT));
            }
            reasons.addAll(terms.cueReasons.getOrDefault(stem, List.of()));
        }
        return new Suggestion(standard, score, List.copyOf(words), List.copyOf(reasons));
    }

    // ---- the standards' text -------------------------------------------------------------------------------

    /** For each target: the statements, notes and keywords of the items below it (components), and its own notes. */
    private static Map<String, List<String>> textBelow(Source s) {
        Set<String> targets = s.outline().targets();
        Map<String, List<String>> below = new HashMap<>();
        for (StandardRef item : s.outline().items()) {
            if (item.retired()) {
                continue;
            }
            ItemText text = s.texts().get(item.id());
            String target = targets.contains(item.id()) ? item.id() : null;
            // a component belongs to the nearest target above it
            String p = text == null ? null : text.parentId();
            for (int depth = 0; target == null && p != null && depth < 12; depth++) {
                if (targets.contains(p)) {
                    target = p;
                }
                ItemText parent = s.texts().get(p);
                p = parent == null ? null : parent.parentId();
            }
            if (target == null) {
                continue;
            }
            List<String> parts = below.computeIfAbsent(target, k -> new ArrayList<>());
            if (!item.id().equals(target)) {
                parts.add(item.statement());
            }
            if (text != null) {
                if (text.abbreviated() != null) {
                    parts.add(text.abbreviated());
                }
                if (text.keywords() != null) {
                    parts.add(text.keywords().replace('|', ' '));
                }
                if (text.notes() != null) {
                    parts.add(text.notes());
                }
            }
        }
        return below;
    }

    /** A group label without its code ("CCSS.Math.Content.7.RP Ratios and …" → "Ratios and …"); none for the item itself. */
    private static String label(String groupId, String selfId, String label) {
        if (groupId == null || groupId.equals(selfId) || label == null) {
            return "";
        }
        return CODE_PREFIX.matcher(label).replaceFirst("");
    }

    List<String> stems(String text) {
        return text == null || text.isBlank() ? new ArrayList<>() : SearchIndex.analyze(analyzer, STATEMENT, text);
    }

    /** English words lower-cased, stop words removed, Krovetz-stemmed (adding → add, where Porter says "ad"). */
    static final class KStemAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            result = new KStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }

    /**
     * Which grade a text's words belong to, learnt from the standards' own text: a multinomial naive Bayes model
     * (one word distribution per grade, Dirichlet-smoothed with the whole framework's), giving P(grade | words).
     */
    static final class GradeModel {
        private final Map<String, Map<String, Integer>> counts;
        private final Map<String, Integer> totals;
        private final Map<String, Integer> all;
        private final int allTotal;

        private GradeModel(Map<String, Map<String, Integer>> counts, Map<String, Integer> all) {
            this.counts = counts;
            this.all = all;
            this.totals = new HashMap<>();
            counts.forEach((g, c) -> totals.put(g, c.values().stream().mapToInt(Integer::intValue).sum()));
            this.allTotal = all.values().stream().mapToInt(Integer::intValue).sum();
        }

        static final class Builder {
            private final Map<String, Map<String, Integer>> counts = new HashMap<>();
            private final Map<String, Integer> all = new HashMap<>();

            void add(List<String> grades, List<String> stems) {
                for (String g : grades) {
                    Map<String, Integer> c = counts.computeIfAbsent(g, k -> new HashMap<>());
                    stems.forEach(s -> c.merge(s, 1, Integer::sum));
                }
                stems.forEach(s -> all.merge(s, 1, Integer::sum));
            }

            GradeModel build() {
                return new GradeModel(counts, all);
            }
        }

        /** P(grade | stems) over the grades the model knows; stems it never saw are ignored. */
        Map<String, Double> posterior(List<String> stems) {
            Map<String, Double> logp = new HashMap<>();
            double mu = 200;
            for (String g : counts.keySet()) {
                Map<String, Integer> c = counts.get(g);
                double total = totals.get(g);
                double lp = 0;
                for (String s : stems) {
                    Integer background = all.get(s);
                    if (background == null) {
                        continue;
                    }
                    double pb = background / (double) allTotal;
                    lp += Math.log((c.getOrDefault(s, 0) + mu * pb) / (total + mu));
                }
                logp.put(g, lp);
            }
            double max = logp.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double sum = 0;
            Map<String, Double> p = new HashMap<>();
            for (Map.Entry<String, Double> e : logp.entrySet()) {
                double x = Math.exp(e.getValue() - max);
                p.put(e.getKey(), x);
                sum += x;
            }
            double z = sum;
            p.replaceAll((g, x) -> x / z);
            return p;
        }
    }
}

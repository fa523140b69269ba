package app.tandem.standards.application;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
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
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of standards on this server. One document per live item: its statement, abbreviated statement,
 * concept keywords and notes (English stemming), its ancestors' text (so "ratios" finds the standards under the
 * "Ratios and Proportional Relationships" domain), its code (exact, dotted-prefix and dotted-suffix lookup, so
 * "7.RP.A" finds CCSS.Math.Content.7.RP.A.2), and filters (framework, district, grade, subject, item type).
 * Typos are tolerated by fuzzy matching on the unstemmed words. Plus one metadata document per framework holding
 * the indexed version, so servers can tell what is stale.
 */
public final class SearchIndex implements Closeable {
    /** How many of the best word matches the phrase boost re-ranks, and its weight (as a SHOULD clause had it). */
    static final int RESCORE_WINDOW = 100;
    static final float PHRASE_WEIGHT = 2f;
    static final String KIND = "kind";
    static final String ID = "id";
    static final String FRAMEWORK = "framework_id";
    static final String DISTRICT = "district_id";
    static final String FRAMEWORK_TITLE = "framework_title";
    static final String CODE = "code";
    static final String CODE_SUFFIX = "code_sfx";
    static final String CODE_PART = "code_part";
    static final String STATEMENT = "statement";
    static final String ABBREVIATED = "abbreviated";
    static final String KEYWORDS = "keywords";
    static final String NOTES = "notes";
    static final String ANCESTORS = "ancestors";
    static final String WORDS = "words";
    static final String GRADE = "grade";
    static final String GRADES = "grades";
    static final String SUBJECT = "subject";
    static final String TYPE = "type";
    static final String TYPE_KEY = "type_key";
    static final String VERSION = "version";

    private static final Pattern CODE_LIKE = Pattern.compile("^[\\p{L}\\p{N}]+([.:-][\\p{L}\\p{N}]+)*[.:-]?$");

    /** One standard as indexed. */
    public record ItemDoc(String id, String frameworkId, String districtId, String frameworkTitle, String code, String statement,
                          String abbreviated, String keywords, String notes, String ancestors, List<String> grades,
                          List<String> subjects, String type) {
    }

    /** A search: text, visibility (frameworks this person may see, each optionally limited to grades) and filters. */
    public record Request(String text, Map<String, Set<String>> visibleFrameworks, String framework, String grade, String subject,
                          String type, int limit) {
    }

    /** A part of a statement, marked when it matched the query. Rendered escaped: never HTML. */
    public record Segment(String text, boolean match) {
    }

    public record Hit(String id, String frameworkId, String frameworkTitle, String code, String statement, List<Segment> highlighted,
                      String type, String grades, String ancestors, float score) {
    }

    public record Result(String query, long total, boolean totalIsLowerBound, List<Hit> hits, boolean fuzzyFallback, double millis) {
    }

    private final Directory directory;
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer standard = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public SearchIndex(Directory directory) {
        this.directory = directory;
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(WORDS, standard);
        Analyzer analyzer = new PerFieldAnalyzerWrapper(english, perField);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(32);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** Removes a framework's documents (not yet visible until {@link #commit()}). */
    public void deleteFramework(String frameworkId) {
        try {
            writer.deleteDocuments(new Term(FRAMEWORK, frameworkId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(ItemDoc d) {
        Document doc = new Document();
        doc.add(new StringField(KIND, "item", Field.Store.NO));
        doc.add(new StringField(ID, d.id(), Field.Store.YES));
        doc.add(new StringField(FRAMEWORK, d.frameworkId(), Field.Store.YES));
        doc.add(new StringField(DISTRICT, d.districtId(), Field.Store.NO));
        if (d.frameworkTitle() != null) {
            doc.add(new StoredField(FRAMEWORK_TITLE, d.frameworkTitle()));
        }
        if (d.code() != null) {
            String code = d.code().toLowerCase(Locale.ROOT);
            doc.add(new StoredField(CODE, d.code()));
            String[] parts = code.split("[.:-]");
            Set<String> suffixes = new LinkedHashSet<>();
            int pos = 0;
            suffixes.add(code);
            for (int i = 0; i < parts.length - 1; i++) {
                pos += parts[i].length() + 1;
                if (pos < code.length()) {
                    suffixes.add(code.substring(pos));
                }
            }
            for (String s : suffixes) {
                doc.add(new StringField(CODE_SUFFIX, s, Field.Store.NO));
            }
            for (String p : new LinkedHashSet<>(List.of(parts))) {
                if (!p.isEmpty()) {
                    doc.add(new StringField(CODE_PART, p, Field.Store.NO));
                }
            }
        }
        doc.add(new TextField(STATEMENT, d.statement(), Field.Store.YES));
        StringBuilder words = new StringBuilder(d.statement());
        if (d.abbreviated() != null) {
            doc.add(new TextField(ABBREVIATED, d.abbreviated(), Field.Store.NO));
            words.append(' ').append(d.abbreviated());
        }
        if (d.keywords() != null) {
            doc.add(new TextField(KEYWORDS, d.keywords(), Field.Store.NO));
            words.append(' ').append(d.keywords().replace('|', ' '));
        }
        if (d.notes() != null) {
            doc.add(new TextField(NOTES, d.notes(), Field.Store.NO));
        }
        if (d.ancestors() != null) {
            doc.add(new TextField(ANCESTORS, d.ancestors(), Field.Store.YES));
        }
        doc.add(new TextField(WORDS, words.toString(), Field.Store.NO));
        for (String g : d.grades()) {
            doc.add(new StringField(GRADE, g, Field.Store.NO));
        }
        if (d.grades().isEmpty()) {
            doc.add(new StringField(GRADE, "none", Field.Store.NO));
        } else {
            doc.add(new StoredField(GRADES, String.join(", ", d.grades())));
        }
        for (String s : d.subjects()) {
            doc.add(new StringField(SUBJECT, s.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (d.type() != null) {
            doc.add(new StoredField(TYPE, d.type()));
            doc.add(new StringField(TYPE_KEY, d.type().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records which version of a framework the index holds. */
    public void markIndexed(String frameworkId, int version) {
        Document doc = new Document();
        doc.add(new StringField(KIND, "framework", Field.Store.NO));
        doc.add(new StringField(FRAMEWORK, frameworkId, Field.Store.YES));
        doc.add(new StoredField(VERSION, version));
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the changes durable and visible to searches. */
    public void commit() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** framework id → indexed version, from the metadata documents. */
    public Map<String, Integer> indexedVersions() {
        Map<String, Integer> out = new HashMap<>();
        IndexSearcher s = acquire();
        try {
            TopDocs docs = s.search(new TermQuery(new Term(KIND, "framework")), 100_000);
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : docs.scoreDocs) {
                Document d = stored.document(sd.doc);
                out.put(d.get(FRAMEWORK), d.getField(VERSION).numericValue().intValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
        return out;
    }

    public int itemCount() {
        IndexSearcher s = acquire();
        try {
            return s.count(new TermQuery(new Term(KIND, "item")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    // ---- searching -----------------------------------------------------------------------------------------

    /** A query token: as typed (lower case) and as stemmed (null for a stop word). */
    record Token(String raw, String stem) {
    }

    List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        for (String raw : analyze(standard, WORDS, text)) {
            List<String> stems = analyze(english, STATEMENT, raw);
            out.add(new Token(raw, stems.isEmpty() ? null : stems.get(0)));
        }
        return out;
    }

    /** The terms an analyzer makes of a text for a field (also used by alignment's suggestion index). */
    public static List<String> analyze(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static boolean looksLikeCode(String q) {
        return CODE_LIKE.matcher(q).matches() && (q.chars().anyMatch(Character::isDigit) || q.indexOf('.') >= 0 || q.indexOf('-') >= 0);
    }

    static int edits(String raw) {
        int n = raw.length();
        return n < 4 ? 0 : n < 7 ? 1 : 2;
    }

    /**
     * Words: each typed word must match (requireAll) by its stem in a text field or as a code part; with
     * {@code tolerant}, also within edit distance of a word, and the last word as a prefix. The tolerant form is
     * only run when the exact one finds nothing, which keeps common searches to cheap term conjunctions.
     */
    Query textQuery(List<Token> tokens, boolean requireAll, boolean tolerant) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int groups = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            BooleanQuery.Builder g = new BooleanQuery.Builder();
            if (t.stem() != null) {
                g.add(new BoostQuery(new TermQuery(new Term(STATEMENT, t.stem())), 3f), BooleanClause.Occur.SHOULD);
                g.add(new BoostQuery(new TermQuery(new Term(ABBREVIATED, t.stem())), 2f), BooleanClause.Occur.SHOULD);
                g.add(new BoostQuery(new TermQuery(new Term(KEYWORDS, t.stem())), 2f), BooleanClause.Occur.SHOULD);
                g.add(new BoostQuery(new TermQuery(new Term(ANCESTORS, t.stem())), 0.7f), BooleanClause.Occur.SHOULD);
                g.add(new BoostQuery(new TermQuery(new Term(NOTES, t.stem())), 0.3f), BooleanClause.Occur.SHOULD);
            } else if (requireAll) {
                continue; // a stop word constrains nothing
            }
            g.add(new BoostQuery(new TermQuery(new Term(CODE_PART, t.raw())), 3f), BooleanClause.Occur.SHOULD);
            int e = edits(t.raw());
            if (tolerant && e > 0) {
                g.add(new BoostQuery(new FuzzyQuery(new Term(WORDS, t.raw()), e, 1, 50, true), 0.8f), BooleanClause.Occur.SHOULD);
            }
            if (tolerant && i == tokens.size() - 1 && t.raw().length() >= 3) {
                // the word being typed
                g.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(WORDS, t.raw()))), 0.5f), BooleanClause.Occur.SHOULD);
            }
            b.add(g.build(), requireAll ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
            groups++;
        }
        if (!requireAll && groups > 1) {
            b.setMinimumNumberShouldMatch(Math.max(1, (int) Math.ceil(groups * 0.6)));
        }
        return groups == 0 ? null : b.build();
    }

    /**
     * The words near one another in the statement (within 3 positions), or null for fewer than two words. Applied
     * only to the best {@link #RESCORE_WINDOW} matches: a sloppy phrase scored over every match of common words was
     * a third of a word query's time over a million standards (docs/benchmarks.md, "Search").
     */
    static Query phraseBoost(List<Token> tokens) {
        List<String> stems = tokens.stream().map(Token::stem).filter(s -> s != null).toList();
        if (stems.size() < 2) {
            return null;
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(3);
        stems.forEach(s -> phrase.add(new Term(STATEMENT, s)));
        return phrase.build();
    }

    Query filters(Request r) {
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        f.add(new TermQuery(new Term(KIND, "item")), BooleanClause.Occur.FILTER);
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        for (Map.Entry<String, Set<String>> e : r.visibleFrameworks().entrySet()) {
            Query fw = new TermQuery(new Term(FRAMEWORK, e.getKey()));
            if (e.getValue() == null || e.getValue().isEmpty()) {
                visible.add(fw, BooleanClause.Occur.SHOULD);
            } else {
                BooleanQuery.Builder grades = new BooleanQuery.Builder();
                grades.add(new TermQuery(new Term(GRADE, "none")), BooleanClause.Occur.SHOULD);
                e.getValue().forEach(g -> grades.add(new TermQuery(new Term(GRADE, g)), BooleanClause.Occur.SHOULD));
                visible.add(new BooleanQuery.Builder().add(fw, BooleanClause.Occur.FILTER)
                        .add(grades.build(), BooleanClause.Occur.FILTER).build(), BooleanClause.Occur.SHOULD);
            }
        }
        f.add(visible.build(), BooleanClause.Occur.FILTER);
        if (r.framework() != null) {
            f.add(new TermQuery(new Term(FRAMEWORK, r.framework())), BooleanClause.Occur.FILTER);
        }
        if (r.grade() != null) {
            f.add(new TermQuery(new Term(GRADE, r.grade())), BooleanClause.Occur.FILTER);
        }
        if (r.subject() != null) {
            f.add(new TermQuery(new Term(SUBJECT, r.subject().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        if (r.type() != null) {
            f.add(new TermQuery(new Term(TYPE_KEY, r.type().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        return f.build();
    }

    public Result search(Request r) {
        long start = System.nanoTime();
        String q = r.text() == null ? "" : r.text().strip();
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        int limit = Math.max(1, Math.min(100, r.limit()));
        if (r.visibleFrameworks().isEmpty()) {
            return new Result(q, 0, false, List.of(), false, 0);
        }
        List<Token> tokens = tokens(q);
        Query filter = filters(r);
        boolean code = looksLikeCode(q);
        IndexSearcher s = acquire();
        try {
            boolean fallback = false;
            int window = code ? limit : Math.max(limit, RESCORE_WINDOW);
            TopDocs top = s.search(combine(main(q, tokens, code, true, false), filter), window);
            if (top.totalHits.value == 0 && code) {
                // not a code after all ("K-2", "3-D"): read it as words
                window = Math.max(limit, RESCORE_WINDOW);
                top = s.search(combine(main(q, tokens, false, true, false), filter), window);
            }
            if (top.totalHits.value == 0) {
                // typos, or a word still being typed
                top = s.search(combine(main(q, tokens, false, true, true), filter), window);
            }
            if (top.totalHits.value == 0 && tokens.size() > 1) {
                top = s.search(combine(main(q, tokens, false, false, true), filter), window);
                fallback = true;
            }
            Query phrase = code ? null : phraseBoost(tokens);
            if (phrase != null && top.scoreDocs.length > 1) {
                top = QueryRescorer.rescore(s, top, phrase, PHRASE_WEIGHT, limit);
            } else if (top.scoreDocs.length > limit) {
                top = new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, limit));
            }
            List<Hit> hits = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                String statement = d.get(STATEMENT);
                hits.add(new Hit(d.get(ID), d.get(FRAMEWORK), d.get(FRAMEWORK_TITLE), d.get(CODE), statement,
                        highlight(statement, tokens), d.get(TYPE), d.get(GRADES), d.get(ANCESTORS), sd.score));
            }
            return new Result(q, top.totalHits.value, top.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, hits,
                    fallback, (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    private Query main(String q, List<Token> tokens, boolean code, boolean requireAll, boolean tolerant) {
        Query text = tokens.isEmpty() || code ? null : textQuery(tokens, requireAll, tolerant);
        if (!code) {
            return text == null ? (q.isEmpty() ? new MatchAllDocsQuery() : null) : text;
        }
        String c = q.toLowerCase(Locale.ROOT).replaceAll("[.:-]$", "");
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CODE_SUFFIX, c))), 100f), BooleanClause.Occur.SHOULD);
        b.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(CODE_SUFFIX, c + "."))), 20f), BooleanClause.Occur.SHOULD);
        b.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(CODE_SUFFIX, c))), 10f), BooleanClause.Occur.SHOULD);
        // codes only: equal scores keep file order, so a cluster comes before its standards, 7.RP.A.1 before 7.RP.A.2
        return b.build();
    }

    private static Query combine(Query main, Query filter) {
        if (main == null) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST_NOT).build();
        }
        return new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    /**
     * Splits a statement into plain and matching parts: a word matches when its stem is a query stem, or when it is
     * within the fuzzy distance of a typed word, or starts with the last typed word. No markup is produced here.
     */
    List<Segment> highlight(String text, List<Token> tokens) {
        if (text == null) {
            return List.of();
        }
        Set<String> stems = new LinkedHashSet<>();
        for (Token t : tokens) {
            if (t.stem() != null) {
                stems.add(t.stem());
            }
        }
        List<Segment> out = new ArrayList<>();
        int last = 0;
        try (TokenStream ts = english.tokenStream(STATEMENT, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                int from = offset.startOffset();
                int to = offset.endOffset();
                if (from < last || to > text.length()) {
                    continue;
                }
                String word = text.substring(from, to).toLowerCase(Locale.ROOT);
                boolean match = stems.contains(term.toString());
                for (int i = 0; !match && i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    int e = edits(t.raw());
                    match = (e > 0 && levenshtein(word, t.raw(), e) <= e)
                            || (i == tokens.size() - 1 && t.raw().length() >= 3 && word.startsWith(t.raw()));
                }
                if (match) {
                    if (from > last) {
                        out.add(new Segment(text.substring(last, from), false));
                    }
                    out.add(new Segment(text.substring(from, to), true));
                    last = to;
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last < text.length()) {
            out.add(new Segment(text.substring(last), false));
        }
        return out;
    }

    /** Edit distance with transpositions, giving up (returning max + 1) once it exceeds {@code max}. */
    static int levenshtein(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
                }
                best = Math.min(best, cur[j]);
            }
            if (best > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            searchers.release(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    /** For tests and benchmarks: a fresh reader's document count. */
    int documentCount() throws IOException {
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            return r.numDocs();
        }
    }
}

package app.tandem.standards.bench;

import app.tandem.standards.application.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;

/**
 * Search latency over a large index: N synthetic standards (real CCSS sentences, CCSS-shaped codes) in 10
 * frameworks, on disk (memory-mapped, as on a server). Measures a mix of exact codes, code prefixes, one- to
 * three-word queries and typo'd words, after a warm-up. Usage: {@code SearchBenchmark [items=1000000] [queries=5000]}
 */
public final class SearchBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path dir = Path.of("/tmp/tandem-bench/index-" + n);
        SyntheticCorpus corpus = new SyntheticCorpus(CaseImportBenchmark.data());
        int frameworks = 10;
        boolean build = !Files.exists(dir.resolve("segments_1")) && !Files.isDirectory(dir);
        Files.createDirectories(dir);
        try (SearchIndex index = new SearchIndex(FSDirectory.open(dir))) {
            if (build || index.itemCount() != n) {
                index.deleteAll();
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    SyntheticCorpus.Item it = corpus.item(7, i);
                    int f = i % frameworks;
                    String ancestors = it.parent() < 0 ? null : corpus.item(7, it.parent()).code() + " " + corpus.item(7, it.parent()).statement();
                    index.add(new SearchIndex.ItemDoc(UUID(i), "fw-" + f, "district", "Framework " + f, it.code(), it.statement(), null,
                            null, null, ancestors, List.of(it.grade()), List.of("Math"), it.type()));
                }
                for (int f = 0; f < frameworks; f++) {
                    index.markIndexed("fw-" + f, 1);
                }
                index.commit();
                System.out.printf("indexed %,d standards in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
            }
            Map<String, Set<String>> scope = new java.util.LinkedHashMap<>();
            for (int f = 0; f < frameworks; f++) {
                scope.put("fw-" + f, Set.of());
            }
            Random r = new Random(1);
            String[] kinds = {"code", "prefix", "words", "typo"};
            List<double[]> byKind = new ArrayList<>();
            for (int k = 0; k < kinds.length; k++) {
                byKind.add(new double[queries / kinds.length]);
            }
            // warm-up
            for (int i = 0; i < 2000; i++) {
                index.search(new SearchIndex.Request(query(corpus, r, i % 4, n), scope, null, null, null, null, 25));
            }
            double[] all = new double[queries];
            long hitsTotal = 0;
            for (int i = 0; i < queries; i++) {
                int kind = i % 4;
                String q = query(corpus, r, kind, n);
                long t = System.nanoTime();
                SearchIndex.Result res = index.search(new SearchIndex.Request(q, scope, null, null, null, null, 25));
                double ms = (System.nanoTime() - t) / 1e6;
                all[i] = ms;
                byKind.get(kind)[i / 4] = ms;
                hitsTotal += res.hits().size();
            }
            System.out.printf("%,d standards, %,d queries, average %.1f hits: %s%n", n, queries, hitsTotal / (double) queries, stats(all));
            for (int k = 0; k < kinds.length; k++) {
                System.out.printf("  %-6s %s%n", kinds[k], stats(byKind.get(k)));
            }
        }
    }

    static String UUID(int i) {
        return new java.util.UUID(0xbe0c000000004000L, 0x8000000000000000L | i).toString();
    }

    static String query(SyntheticCorpus c, Random r, int kind, int n) {
        SyntheticCorpus.Item it = c.item(7, r.nextInt(n));
        switch (kind) {
            case 0:
                return it.code();
            case 1:
                return it.code().substring(0, it.code().lastIndexOf('.'));
            case 2:
                return phrase(c, r, 1 + r.nextInt(3));
            default: {
                // a phrase with one letter dropped from its longest word
                String[] ws = phrase(c, r, 1 + r.nextInt(2)).split(" ");
                int longest = 0;
                for (int k = 1; k < ws.length; k++) {
                    if (ws[k].length() > ws[longest].length()) {
                        longest = k;
                    }
                }
                String w = ws[longest];
                int p = 1 + r.nextInt(Math.max(1, w.length() - 2));
                ws[longest] = w.substring(0, p) + w.substring(Math.min(w.length(), p + 1));
                return String.join(" ", ws);
            }
        }
    }

    /** One to three consecutive words (of four letters or more) of a real statement, as a teacher would type them. */
    static String phrase(SyntheticCorpus c, Random r, int n) {
        String[] words = c.statements.get(r.nextInt(c.statements.size())).toLowerCase().split("[^a-z]+");
        List<String> long4 = new ArrayList<>();
        for (String w : words) {
            if (w.length() >= 4) {
                long4.add(w);
            }
        }
        if (long4.isEmpty()) {
            return "number";
        }
        int start = r.nextInt(long4.size());
        return String.join(" ", long4.subList(start, Math.min(long4.size(), start + n)));
    }

    static String stats(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms", s[s.length / 2], s[(int) (s.length * 0.95)],
                s[(int) (s.length * 0.99)], s[s.length - 1]);
    }
}

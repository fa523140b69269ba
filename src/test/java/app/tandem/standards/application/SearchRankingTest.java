package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The phrase boost applied to the best word matches, and the result limit around it, on a small hand-made index. */
class SearchRankingTest {
    SearchIndex index;

    @BeforeEach
    void open() {
        index = new SearchIndex(new ByteBuffersDirectory());
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private void add(String id, String statement) {
        index.add(new SearchIndex.ItemDoc(id, "fw", "d", "Framework", null, statement, null, null, null, null,
                List.of(), List.of(), "Standard"));
    }

    private List<String> ids(String query, int limit) {
        index.commit();
        return index.search(new SearchIndex.Request(query, Map.of("fw", Set.of()), null, null, null, null, limit)).hits().stream()
                .map(SearchIndex.Hit::id).toList();
    }

    @Test
    void theWordsTogetherRankAboveTheSameWordsApart() {
        // "apart" repeats both words, which alone would score it higher
        add("apart", "Graph relationships between quantities; compare graphs of relationships, decide which is proportional, "
                + "then say why a table shows a proportional one.");
        add("together", "Recognize and represent proportional relationships between quantities in many different forms.");
        assertThat(ids("relationships proportional", 10)).containsExactly("together", "apart");
        assertThat(ids("proportional relationships", 10)).first().isEqualTo("together");
    }

    @Test
    void noMoreHitsThanAskedForWithOrWithoutThePhrase() {
        IntStream.range(0, 40).forEach(i -> add("s" + i, "Solve problems with proportional relationships, case " + i + "."));
        assertThat(ids("proportional", 7)).hasSize(7);
        assertThat(ids("proportional relationships", 7)).hasSize(7);
        assertThat(index.search(new SearchIndex.Request("proportional relationships", Map.of("fw", Set.of()), null, null, null, null, 7))
                .total()).isEqualTo(40);
    }
}

package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Notation and phrasing read as the standards' words. */
class MathVocabularyTest {
    static List<String> words(String text) {
        return MathVocabulary.cues(text).stream().map(MathVocabulary.Cue::words).toList();
    }

    @Test
    void readsNotation() {
        assertThat(words("Compare (3 / 8) _ (2 / 5)")).contains("fraction fractions", "compare comparison");
        assertThat(words("Add 35.512 and 49.926")).contains("decimal decimals").doesNotContain("money dollar cents");
        assertThat(words("Tickets cost $3.50 each")).contains("money dollar cents").doesNotContain("decimal decimals");
        assertThat(words("What is -7 + 4?")).contains("negative rational numbers", "add addition sum");
        assertThat(words("Evaluate 2^5")).contains("exponents powers");
        assertThat(words("Write 3.2 x 10^4 in standard form")).contains("scientific notation powers of 10").doesNotContain("exponents powers");
        assertThat(words("Solve 71 = 24 * q + 14")).contains("equation equations variable solve");
        assertThat(words("Solve 2x + 3y = 12 and x - y = 1")).contains("pairs simultaneous linear equations two variables");
        assertThat(words("Find 30% of 120")).contains("percent");
        assertThat(words("Plot (2, -3) and (4, 5)")).contains("coordinate plane points");
    }

    @Test
    void readsWordProblemsAndNumberSizes() {
        assertThat(words("Sam has 10 toy cars. He gave away 4. How many are left?"))
                .contains("subtract subtraction difference", "word problems", "within 10");
        assertThat(words("A farm packs 3425 eggs each day for 6 days. How many eggs in total?"))
                .contains("multiply multiplication product", "multi-digit four digits");
        assertThat(words("48 stickers are shared equally among 6 friends. How many does each get?"))
                .contains("divide division quotient").doesNotContain("multiply multiplication product");
        assertThat(words("Count to 20")).contains("within 20");
    }

    @Test
    void plainProseAddsNothing() {
        assertThat(MathVocabulary.cues("Read the story and discuss its characters with a partner")).isEmpty();
        assertThat(MathVocabulary.cues(null)).isEmpty();
        assertThat(MathVocabulary.cues("   ")).isEmpty();
    }
}

package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationCodesTest {

    @Test
    void codesHaveNineCharactersOfTheUnambiguousAlphabetAndAtLeast40Bits() {
        assertThat(InvitationCodes.BITS).isGreaterThanOrEqualTo(40);
        assertThat(InvitationCodes.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
        for (int i = 0; i < 1000; i++) {
            assertThat(InvitationCodes.generate()).matches("[0-9ABCDEFGHJKMNPQRSTVWXYZ]{9}");
        }
    }

    @Test
    void codesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(InvitationCodes.generate())).isTrue();
        }
    }

    @Test
    void everyCharacterOfTheAlphabetIsUsed() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            InvitationCodes.generate().chars().forEach(c -> used.add((char) c));
        }
        assertThat(used).hasSize(32);
    }

    @Test
    void displayGroupsThreeByThree() {
        assertThat(InvitationCodes.display("KQ7M4P2XD")).isEqualTo("KQ7-M4P-2XD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KQ7-M4P-2XD", "kq7-m4p-2xd", "KQ7M4P2XD", "kq7m4p2xd", " KQ7 M4P 2XD ", "KQ7–M4P–2XD", "kq7-m4p2xd", "K-Q-7-M-4-P-2-X-D"})
    void forgivingInputIsNormalised(String input) {
        assertThat(InvitationCodes.normalise(input)).contains("KQ7M4P2XD");
    }

    @Test
    void lookAlikeLettersAreReadAsDigits() {
        assertThat(InvitationCodes.normalise("OIL-ABC-DEF")).contains("011ABCDEF");
        assertThat(InvitationCodes.normalise("oil-abc-def")).contains("011ABCDEF");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "KQ7-M4P-2X", "KQ7-M4P-2XDD", "KQ7-M4P-2XU", "KQ7_M4P_2XD", "KQ7-M4P-2X!", "<script>", "ÄQ7-M4P-2XD"})
    void anythingElseIsNotACode(String input) {
        assertThat(InvitationCodes.normalise(input)).isEmpty();
    }

    @Test
    void veryLongInputIsRefusedWithoutWork() {
        assertThat(InvitationCodes.normalise("-".repeat(10_000) + "KQ7M4P2XD")).isEmpty();
    }

    @Test
    void theHashIsSha256OfTheCanonicalCodeSoEveryWayOfTypingItFindsTheSameInvitation() {
        String hash = InvitationCodes.hash("KQ7M4P2XD");
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").doesNotContain("KQ7");
        // SHA-256("KQ7M4P2XD"), computed independently (printf KQ7M4P2XD | sha256sum)
        assertThat(hash).isEqualTo(SHA256_OF_EXAMPLE);
        assertThat(InvitationCodes.hash(InvitationCodes.normalise("kq7 m4p 2xd").orElseThrow())).isEqualTo(hash);
        assertThat(InvitationCodes.hash("KQ7M4P2XE")).isNotEqualTo(hash);
    }

    private static final String SHA256_OF_EXAMPLE = "78df7cb7dfb682d17de8513b7eb931dfebd122ead818b8233b53f1ce5756a1e4";
}

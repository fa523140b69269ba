package app.tandem.standards.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Row ids must never change: they are the ids alignments refer to, and re-imports find rows by them. */
class HashingTest {
    @Test
    void rowIdIsTheNameBasedUuidOfFrameworkAndIdentifier() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String framework = UUID.randomUUID().toString();
            String identifier = i % 3 == 0 ? "http://purl.org/ASN/resources/S" + random.nextInt() + "/ü/" + i
                    : i % 3 == 1 ? "association\n" + UUID.randomUUID() : UUID.randomUUID().toString();
            assertThat(Hashing.rowId(framework, identifier)).isEqualTo(
                    UUID.nameUUIDFromBytes((framework + "\n" + identifier).getBytes(StandardCharsets.UTF_8)).toString());
        }
        // a fixed example, as stored by every earlier version
        assertThat(Hashing.rowId("f", "x")).isEqualTo(UUID.nameUUIDFromBytes("f\nx".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void keysOfUuidsAreTheirBitsAndOthersADigest() {
        UUID u = UUID.randomUUID();
        assertThat(Hashing.key(u.toString())).containsExactly(u.getMostSignificantBits(), u.getLeastSignificantBits());
        assertThat(Hashing.key("CCSS.Math.Content.7.RP.A.2")).isEqualTo(Hashing.key("CCSS.Math.Content.7.RP.A.2"))
                .isNotEqualTo(Hashing.key("CCSS.Math.Content.7.RP.A.3"));
    }
}

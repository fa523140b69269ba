package app.tandem.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Secrets at rest: JWE dir + A256GCM under the master key. */
class SecretBoxTest {
    static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void roundTripsAndNeverStoresThePlaintext() {
        SecretBox box = SecretBox.withKey(key(7));
        String secret = "s3cret with spaces & symbols ünïcode";
        String stored = box.encrypt(secret);
        assertThat(stored).doesNotContain(secret).doesNotContain("s3cret");
        assertThat(new String(Base64.getUrlDecoder().decode(stored.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"alg\":\"dir\"").contains("\"enc\":\"A256GCM\"");
        assertThat(stored.split("\\.")).hasSize(5);
        assertThat(box.decrypt(stored)).isEqualTo(secret);
        // a fresh IV each time: the same secret never encrypts to the same text
        assertThat(box.encrypt(secret)).isNotEqualTo(stored);
    }

    @Test
    void anotherKeyCannotReadItAndSaysSoWithoutThePlaintext() {
        String stored = SecretBox.withKey(key(7)).encrypt("top secret");
        assertThatThrownBy(() -> SecretBox.withKey(key(8)).decrypt(stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TANDEM_MASTER_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top secret"));
        assertThatThrownBy(() -> SecretBox.withKey(new byte[16])).isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}

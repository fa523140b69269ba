package app.tandem.coteaching.application;

import app.tandem.common.Tokens;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Invitation codes a person can read aloud and type: nine characters of Crockford's base-32 alphabet (no I, L, O,
 * U), shown in groups of three ({@code KQ7-M4P-2XD}), 45 bits from a CSPRNG. Input is forgiving: lower case,
 * missing or extra dashes and spaces, and the look-alikes O→0, I/L→1 are accepted. Only {@link #hash} of the
 * canonical form is stored.
 */
public final class InvitationCodes {
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 9;
    /** Bits of entropy of a code: log2(32) × 9. */
    public static final int BITS = 5 * LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationCodes() {
    }

    /** A new random code, canonical (no dashes). */
    public static String generate() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The canonical code a person meant, or empty when the input cannot be a code. */
    public static Optional<String> normalise(String input) {
        if (input == null || input.length() > 64) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(LENGTH);
        for (char c : input.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ' || c == '\u2010' || c == '\u2011' || c == '\u2013' || c == '\u2212') {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                return Optional.empty();
            }
            b.append(mapped);
        }
        return b.length() == LENGTH ? Optional.of(b.toString()) : Optional.empty();
    }

    /** {@code KQ7M4P2XD} → {@code KQ7-M4P-2XD}. */
    public static String display(String canonical) {
        return canonical.substring(0, 3) + "-" + canonical.substring(3, 6) + "-" + canonical.substring(6);
    }

    /** What is stored: SHA-256 (hex) of the canonical code. */
    public static String hash(String canonical) {
        return Tokens.sha256Hex(canonical);
    }
}

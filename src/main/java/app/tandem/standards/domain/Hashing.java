package app.tandem.standards.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Small, fast hashes for change detection and compact identifier keys. */
public final class Hashing {
    private Hashing() {
    }

    /** FNV-1a over the string's chars, with a separator so that ("ab","c") and ("a","bc") differ. */
    public static long mix(long h, String s) {
        if (s == null) {
            h ^= 0x9e3779b97f4a7c15L;
            return h * 0x100000001b3L;
        }
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0x1f;
        return h * 0x100000001b3L;
    }

    /**
     * A 128-bit key of an identifier: the UUID's bits when it is one (case-insensitive), else an MD5 of the text.
     * Lets the importer hold a million identifiers in a few tens of MB.
     */
    public static long[] key(String identifier) {
        if (identifier.length() == 36 && identifier.charAt(8) == '-' && identifier.charAt(13) == '-') {
            try {
                UUID u = UUID.fromString(identifier);
                return new long[] {u.getMostSignificantBits(), u.getLeastSignificantBits()};
            } catch (IllegalArgumentException notAUuid) {
                // fall through to the digest
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(identifier.getBytes(StandardCharsets.UTF_8));
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (d[i] & 0xff);
                lo = (lo << 8) | (d[i + 8] & 0xff);
            }
            return new long[] {hi ^ 0x5bd1e995L, lo};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stable row id of an identifier inside a framework: a name-based UUID, the same at every re-import. */
    public static String rowId(String frameworkId, String identifier) {
        return UUID.nameUUIDFromBytes((frameworkId + "\n" + identifier).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

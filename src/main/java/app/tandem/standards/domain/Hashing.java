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
        byte[] d = MD5.get().digest(identifier.getBytes(StandardCharsets.UTF_8));
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (d[i] & 0xff);
            lo = (lo << 8) | (d[i + 8] & 0xff);
        }
        return new long[] {hi ^ 0x5bd1e995L, lo};
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * The stable row id of an identifier inside a framework: a name-based (version 3) UUID of "frameworkId\nidentifier",
     * the same at every re-import. Exactly {@code UUID.nameUUIDFromBytes}, with one MD5 instance per thread (an import
     * computes two per standard).
     */
    public static String rowId(String frameworkId, String identifier) {
        MessageDigest md5 = MD5.get();
        md5.update(frameworkId.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) '\n');
        byte[] d = md5.digest(identifier.getBytes(StandardCharsets.UTF_8));
        d[6] = (byte) ((d[6] & 0x0f) | 0x30);
        d[8] = (byte) ((d[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (d[i] & 0xff);
            lo = (lo << 8) | (d[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }
}

package app.tandem.standards.application;

import java.util.Arrays;

/**
 * An open-addressing map from 64-bit keys to int values (12 bytes a slot, at most 3/4 full). Used for association
 * identifiers, where a 64-bit fingerprint is plenty: two different identifiers of one file would have to collide
 * (odds about n²/2⁶⁵, 3·10⁻⁸ for a million) to be taken for duplicates.
 */
final class LongIndex {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIndex(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 4 / 3)) << 1);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
        mask = cap - 1;
    }

    static long fingerprint(long[] key128) {
        return key128[0] * 0x9E3779B97F4A7C15L ^ key128[1];
    }

    int get(long key) {
        int i = slot(key);
        while (values[i] != -1) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Adds the key unless present; returns the previous value, or -1 when it was added. */
    int putIfAbsent(long key, int value) {
        if ((size + 1) * 4L > values.length * 3L) {
            long[] ok = keys;
            int[] ov = values;
            allocate(ov.length * 2);
            size = 0;
            for (int i = 0; i < ov.length; i++) {
                if (ov[i] != -1) {
                    putIfAbsent(ok[i], ov[i]);
                }
            }
        }
        int i = slot(key);
        while (values[i] != -1) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return -1;
    }

    int size() {
        return size;
    }

    private int slot(long k) {
        long x = k ^ (k >>> 33);
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return (int) x & mask;
    }
}

package app.tandem.standards.application;

import java.util.Arrays;

/**
 * An open-addressing map from 128-bit identifier keys ({@code Hashing.key}) to int values: 20 bytes per entry at
 * most half full, so a million identifiers fit in about 40 MB where a HashMap of strings would take 150 MB.
 */
final class KeyIndex {
    private static final int EMPTY = -1;
    private long[] hi;
    private long[] lo;
    private int[] values;
    private int size;
    private int mask;

    KeyIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        hi = new long[cap];
        lo = new long[cap];
        values = new int[cap];
        Arrays.fill(values, EMPTY);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The key stored with a value (a scan: only for the few identifiers an error report names), or null. */
    long[] keyOf(int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return new long[] {hi[i], lo[i]};
            }
        }
        return null;
    }

    /** The value of the key, or -1. */
    int get(long[] key) {
        int i = slot(key[0], key[1]);
        while (values[i] != EMPTY) {
            if (hi[i] == key[0] && lo[i] == key[1]) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Puts the key unless present; returns the previous value, or -1 when it was added. */
    int putIfAbsent(long[] key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be >= 0");
        }
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int i = slot(key[0], key[1]);
        while (values[i] != EMPTY) {
            if (hi[i] == key[0] && lo[i] == key[1]) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        hi[i] = key[0];
        lo[i] = key[1];
        values[i] = value;
        size++;
        return -1;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        int[] ov = values;
        allocate(ov.length * 2);
        size = 0;
        for (int i = 0; i < ov.length; i++) {
            if (ov[i] != EMPTY) {
                putIfAbsent(new long[] {oh[i], ol[i]}, ov[i]);
            }
        }
    }

    private int slot(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (int) x & mask;
    }
}

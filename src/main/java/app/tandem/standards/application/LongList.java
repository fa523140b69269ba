package app.tandem.standards.application;

import java.util.Arrays;

/** A growable long array (no boxing). */
final class LongList {
    private long[] a = new long[64];
    private int n;

    void add(long v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    long get(int i) {
        return a[i];
    }

    void set(int i, long v) {
        a[i] = v;
    }

    int size() {
        return n;
    }
}

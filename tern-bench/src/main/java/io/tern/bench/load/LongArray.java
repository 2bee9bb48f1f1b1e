package io.tern.bench.load;

import java.util.Arrays;

/** A growable long array indexed by message number; unset slots read 0. Single-threaded. */
final class LongArray {
    private long[] values = new long[256];

    long get(long index) {
        return index < values.length ? values[(int) index] : 0;
    }

    void set(long index, long value) {
        if (index >= values.length) {
            values = Arrays.copyOf(values, (int) Math.max(index + 1, (long) values.length * 2));
        }
        values[(int) index] = value;
    }
}

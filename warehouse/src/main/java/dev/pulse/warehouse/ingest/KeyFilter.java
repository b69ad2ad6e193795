package dev.pulse.warehouse.ingest;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Bloom filter of keys that grows: {@link #mightContain} is false only for a key never
 * {@linkplain #add added}. Each segment holds its capacity at about 1% false positives (ten bits and
 * seven probes per key); when the newest is full a new one of twice the capacity takes the next keys,
 * so the filter grows without reading its keys again (a scalable Bloom filter, as Almeida, Baquero,
 * Preguiça and Hutchison describe, 2007). Thread-safe.
 */
final class KeyFilter {

    private final LongAdder added = new LongAdder();
    private volatile Segment[] segments;

    KeyFilter(long capacity) {
        segments = new Segment[] {new Segment(capacity)};
    }

    void add(String key) {
        long h = hash(key);
        long h1 = mix(h);
        long h2 = mix(h ^ 0xC2B2AE3D27D4EB4FL) | 1;
        Segment[] current = segments; // read once: another thread may grow it meanwhile
        Segment last = current[current.length - 1];
        if (last.full()) {
            last = grow(last);
        }
        last.add(h1, h2);
        added.increment();
    }

    boolean mightContain(String key) {
        long h = hash(key);
        long h1 = mix(h);
        long h2 = mix(h ^ 0xC2B2AE3D27D4EB4FL) | 1;
        for (Segment segment : segments) {
            if (segment.mightContain(h1, h2)) {
                return true;
            }
        }
        return false;
    }

    /** How many keys were added, repeats included. */
    long added() {
        return added.sum();
    }

    private synchronized Segment grow(Segment full) {
        Segment[] current = segments;
        Segment last = current[current.length - 1];
        if (last != full) {
            return last;
        }
        Segment next = new Segment(2 * full.capacity);
        Segment[] more = Arrays.copyOf(current, current.length + 1);
        more[current.length] = next;
        segments = more;
        return next;
    }

    /** FNV-1a over the UTF-16 code units: keys are short, so this is cheap, and {@link #mix} spreads it. */
    private static long hash(String key) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }

    /** The finaliser of MurmurHash3 (64-bit): every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** One fixed-size Bloom filter. */
    private static final class Segment {
        private static final int PROBES = 7;
        private static final int BITS_PER_KEY = 10;

        final long capacity;
        private final AtomicLongArray words;
        private final long bits;
        private final LongAdder count = new LongAdder();

        Segment(long capacity) {
            this.capacity = Math.max(64, capacity);
            long wordCount = (this.capacity * BITS_PER_KEY + 63) / 64;
            if (wordCount > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many keys for one filter: " + capacity);
            }
            this.words = new AtomicLongArray((int) wordCount);
            this.bits = wordCount * 64;
        }

        boolean full() {
            return count.sum() >= capacity;
        }

        /** Sets the bits of the probes {@code h1 + i * h2}. */
        void add(long h1, long h2) {
            for (int i = 0; i < PROBES; i++) {
                long bit = Long.remainderUnsigned(h1 + i * h2, bits);
                int word = (int) (bit >>> 6);
                long mask = 1L << bit;
                long current = words.get(word);
                while ((current & mask) == 0 && !words.weakCompareAndSetVolatile(word, current, current | mask)) {
                    current = words.get(word);
                }
            }
            count.increment();
        }

        boolean mightContain(long h1, long h2) {
            for (int i = 0; i < PROBES; i++) {
                long bit = Long.remainderUnsigned(h1 + i * h2, bits);
                if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}

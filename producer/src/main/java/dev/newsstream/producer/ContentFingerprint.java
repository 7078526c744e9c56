package dev.newsstream.producer;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A near-duplicate fingerprint of an article body, so wire copies of one story (same text under another URL, a
 * different dateline or a trimmed last paragraph) count once: a bottom-k MinHash sketch over word 5-shingles of the
 * normalised text (lower case, letters and digits only). {@link #similarity} estimates the Jaccard similarity of
 * two bodies' shingle sets. Stateless and thread-safe.
 */
public final class ContentFingerprint {

    /** Sketch size: 64 hashes estimate Jaccard within about ±0.1, plenty to tell a copy from a different story. */
    public static final int K = 64;
    /** Bodies at least this similar are the same story. */
    public static final double SAME_STORY = 0.7;
    private static final int SHINGLE = 5;

    private ContentFingerprint() {
    }

    /** The sketch of {@code text}: up to {@link #K} smallest shingle hashes, sorted ascending. */
    public static long[] sketch(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ");
        TreeSet<Long> smallest = new TreeSet<>();
        if (words.length == 1 && words[0].isEmpty()) {
            return new long[0];
        }
        int n = Math.max(1, words.length - SHINGLE + 1);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < Math.min(words.length, i + SHINGLE); j++) {
                sb.append(words[j]).append(' ');
            }
            smallest.add(fnv1a64(sb));
            if (smallest.size() > K) {
                smallest.pollLast();
            }
        }
        return smallest.stream().mapToLong(Long::longValue).toArray();
    }

    /** Estimated Jaccard similarity of the two texts whose sketches these are, 0..1. */
    public static double similarity(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        TreeSet<Long> union = new TreeSet<>();
        for (long x : a) {
            union.add(x);
        }
        for (long x : b) {
            union.add(x);
        }
        int k = Math.min(K, union.size());
        int both = 0;
        int seen = 0;
        for (long x : union) {
            if (seen++ == k) {
                break;
            }
            if (Arrays.binarySearch(a, x) >= 0 && Arrays.binarySearch(b, x) >= 0) {
                both++;
            }
        }
        return (double) both / k;
    }

    private static long fnv1a64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        // finalise (splitmix64) so nearby strings spread over the whole range, which bottom-k relies on
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

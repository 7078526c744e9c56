package dev.newsstream.tagger.attribution;

import java.util.concurrent.atomic.LongAdder;

/**
 * Attribution failures that the attributor catches so that one odd paragraph cannot stop an article stream (its
 * contract is "never throw": the paragraph gets no statements). Each one is logged and counted here, so a rule bug
 * is visible (the processor exports the count as {@code newsstream_attribution_rule_failures_total}) instead of
 * being silently swallowed. Thread-safe; process-wide.
 */
public final class AttributionFailures {
    private static final LongAdder COUNT = new LongAdder();
    private static final System.Logger LOG = System.getLogger(AttributionFailures.class.getName());

    private AttributionFailures() {
    }

    /** Counts and logs one caught failure (the paragraph's length only, never its text). */
    public static void record(RuntimeException e, String paragraph) {
        COUNT.increment();
        LOG.log(System.Logger.Level.WARNING, "attribution failed on a paragraph of " + (paragraph == null ? 0
                : paragraph.length()) + " characters; no statements attributed: " + e, e);
    }

    /** Failures caught since the JVM started. */
    public static long count() {
        return COUNT.sum();
    }
}

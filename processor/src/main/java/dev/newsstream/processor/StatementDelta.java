package dev.newsstream.processor;

import dev.newsstream.events.Versioned;
import java.time.Instant;

/**
 * One statement's contribution to the tables: {@code weight} +1 when a statement is counted, -1 when a corrected
 * paragraph withdraws it. The value on the processor's internal repartition topics (JSON).
 */
public record StatementDelta(int schemaVersion, String articleId, int seq, String side, String speaker, String text,
                             String stance, Double compound, Instant publishedAt, int weight, String polarity)
        implements Versioned {
    /** 2: the statement's {@code polarity} label (absent in version 1 values: VADER's cut-off is used). */
    public static final int SCHEMA_VERSION = 2;

    /** A delta without a polarity label (as version 1 had it): the tables count VADER's cut-off for it. */
    public StatementDelta(int schemaVersion, String articleId, int seq, String side, String speaker, String text,
                          String stance, Double compound, Instant publishedAt, int weight) {
        this(schemaVersion, articleId, seq, side, speaker, text, stance, compound, publishedAt, weight, null);
    }

    /** The same contribution without the statement's text (what a memo keeps for a later withdrawal). */
    public StatementDelta withoutText() {
        return new StatementDelta(schemaVersion, articleId, seq, side, speaker, null, stance, compound, publishedAt, weight, polarity);
    }

    public StatementDelta withWeight(int w) {
        return new StatementDelta(schemaVersion, articleId, seq, side, speaker, text, stance, compound, publishedAt, w, polarity);
    }
}

package dev.newsstream.events;

import java.time.Instant;
import java.util.List;

/**
 * A value on {@code news.tagged-paragraphs}, keyed by {@code articleId}: the paragraph plus its statements.
 * Schema version 2 added each statement's {@code stanceProbabilities} and {@code polarity}; version 1 values
 * are still read.
 */
public record TaggedParagraphEvent(int schemaVersion, String articleId, int seq, Integer paragraphs, Integer block,
                                   String text, String title, String url, String source, Instant publishedAt,
                                   Instant ingestedAt, Instant taggedAt, List<StatementEvent> statements,
                                   Instant publishedAtClampedFrom)
        implements Versioned {
    public static final int SCHEMA_VERSION = 2;

    /** Not clamped ({@code publishedAtClampedFrom} absent). */
    public TaggedParagraphEvent(int schemaVersion, String articleId, int seq, Integer paragraphs, Integer block,
                                String text, String title, String url, String source, Instant publishedAt,
                                Instant ingestedAt, Instant taggedAt, List<StatementEvent> statements) {
        this(schemaVersion, articleId, seq, paragraphs, block, text, title, url, source, publishedAt, ingestedAt,
                taggedAt, statements, null);
    }

    public TaggedParagraphEvent {
        statements = statements == null ? List.of() : List.copyOf(statements);
    }
}

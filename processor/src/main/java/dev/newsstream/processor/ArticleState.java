package dev.newsstream.processor;

import dev.newsstream.events.Versioned;
import dev.newsstream.tagger.ArticleContext;
import java.util.List;
import java.util.Map;

/**
 * What the processor remembers of one article (state store {@code article-state-store}, keyed by articleId):
 * the tagger's article context, and per paragraph seq a fingerprint of its text and the statement deltas it
 * contributed, so a re-published paragraph is counted once and a corrected one replaces its contribution.
 * Expires after {@code context.ttl} without a new paragraph.
 */
public record ArticleState(int schemaVersion, ArticleContext context, Map<Integer, ParagraphMemo> paragraphs,
                           long lastSeenMs) implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    /** @param fingerprint a hash of the paragraph's text */
    public record ParagraphMemo(String fingerprint, List<StatementDelta> deltas) {
    }
}

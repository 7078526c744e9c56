package dev.newsstream.tagger;

/**
 * Finds the attributed statements of one paragraph and resolves their speakers and sides, given what the
 * article's earlier paragraphs established. Implementations are immutable and thread-safe; all per-article
 * memory lives in the {@link ArticleContext} value passed in and returned, so a stream processor can keep
 * it in a state store and get exactly the offline result.
 */
public interface Attributor {
    AttributionResult attribute(ArticleContext context, String paragraph);
}

package dev.newsstream.tagger;

import java.util.List;

/** The statements of one paragraph and the article context after it. */
public record AttributionResult(List<Attribution> statements, ArticleContext context) {
    public AttributionResult {
        statements = List.copyOf(statements);
    }
}

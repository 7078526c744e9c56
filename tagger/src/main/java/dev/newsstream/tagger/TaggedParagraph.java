package dev.newsstream.tagger;

import java.util.List;

/** The tagged statements of one paragraph and the article context after it. */
public record TaggedParagraph(List<Statement> statements, ArticleContext context) {
    public TaggedParagraph {
        statements = List.copyOf(statements);
    }
}

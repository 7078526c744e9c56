package dev.newsstream.tagger;

import java.util.List;

/**
 * What an article's earlier paragraphs established (its title, the people and institutions mentioned with
 * their roles and sides, an open quotation continuing into the next paragraph). Immutable, and a plain
 * Jackson-serialisable value: the processor keeps it in a state store keyed by article.
 *
 * @param title    the article's headline, or an empty string
 * @param mentions the article's mentions so far, oldest first (see {@link Mention})
 * @param openQuoteSpeaker the speaker of a quotation left open at the end of the previous paragraph, or null
 */
public record ArticleContext(String title, List<Mention> mentions, String openQuoteSpeaker) {

    public ArticleContext {
        title = title == null ? "" : title;
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    public static ArticleContext start(String title) {
        return new ArticleContext(title, List.of(), null);
    }

    /**
     * A person or institution mentioned in the article.
     *
     * @param name      canonical name ("Donald Trump", "The White House")
     * @param surface   the text as written at its fullest mention
     * @param role      title or role ("President", "Foreign Minister"), or null
     * @param side      side code or null
     * @param sideSource how the side was known (registry, demonym, title, ...), or null
     * @param gender    "m", "f" or null when unknown (for pronoun resolution)
     * @param institution true for organisations speaking (ministries, agencies, capitals)
     * @param paragraph index of the paragraph of the latest mention
     */
    public record Mention(String name, String surface, String role, String side, String sideSource,
                          String gender, boolean institution, int paragraph) {
    }
}

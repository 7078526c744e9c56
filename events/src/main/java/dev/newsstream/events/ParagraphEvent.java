package dev.newsstream.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A value on {@code news.paragraphs}, keyed by {@code articleId}. One event per body paragraph, in order.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param articleId      stable id of the article (see docs/events.md for how it is derived)
 * @param seq            0-based position of this paragraph among the article's published paragraphs
 * @param paragraphs     how many paragraphs the article has in all (so readers know when it is complete), if known
 * @param block          0-based index of the paragraph among the article's non-empty blocks, title included, if known
 * @param text           the paragraph's text
 * @param title          the article's title
 * @param url            canonical URL, or null
 * @param source         where it came from: a file path, feed URL or site name, or null
 * @param publishedAt    the article's publication time (event time)
 * @param ingestedAt     when the producer read it
 * @param boilerplate    true when the producer classified the block as page furniture (published only on request)
 * @param boilerplateReason why, when {@code boilerplate} is true
 */
public record ParagraphEvent(@JsonProperty(required = true) int schemaVersion, String articleId,
                             @JsonProperty(required = true) int seq, Integer paragraphs, Integer block, String text,
                             String title, String url, String source, Instant publishedAt, Instant ingestedAt,
                             boolean boilerplate, String boilerplateReason) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}

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
 * @param publishedAtClampedFrom the publication time the source gave, when it lay more than the allowed margin
 *                       (default 5 min) after the ingest time and {@code publishedAt} was therefore clamped to the
 *                       ingest time; absent otherwise (docs/events.md)
 */
public record ParagraphEvent(@JsonProperty(required = true) int schemaVersion, String articleId,
                             @JsonProperty(required = true) int seq, Integer paragraphs, Integer block, String text,
                             String title, String url, String source, Instant publishedAt, Instant ingestedAt,
                             boolean boilerplate, String boilerplateReason, Instant publishedAtClampedFrom)
        implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    /** Not clamped. */
    public ParagraphEvent(int schemaVersion, String articleId, int seq, Integer paragraphs, Integer block, String text,
                          String title, String url, String source, Instant publishedAt, Instant ingestedAt,
                          boolean boilerplate, String boilerplateReason) {
        this(schemaVersion, articleId, seq, paragraphs, block, text, title, url, source, publishedAt, ingestedAt,
                boilerplate, boilerplateReason, null);
    }

    /**
     * This event with {@code publishedAt} clamped to {@code ingest} when it lies more than {@code maxFuture} after
     * it (a wrong time zone in a feed, a typo): event time must never run ahead of the clock, or the broker refuses
     * the records that carry it and windows close early. Earlier dates stay: archives are replayed on purpose.
     */
    public ParagraphEvent clampPublishedAt(Instant ingest, java.time.Duration maxFuture) {
        if (publishedAt == null || ingest == null || !publishedAt.isAfter(ingest.plus(maxFuture))) {
            return this;
        }
        return new ParagraphEvent(schemaVersion, articleId, seq, paragraphs, block, text, title, url, source, ingest,
                ingestedAt, boilerplate, boilerplateReason,
                publishedAtClampedFrom != null ? publishedAtClampedFrom : publishedAt);
    }
}
